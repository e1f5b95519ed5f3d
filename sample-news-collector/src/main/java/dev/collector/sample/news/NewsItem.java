package dev.collector.sample.news;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.collector.collect.IngestionTimestamped;
import dev.collector.schema.CollectedRecord;

/**
 * One news item of one feed, stored in the {@code news_item} table (see
 * {@code schema-h2.sql} and {@code schema-postgresql.sql}: the column sizes there match
 * the constraints here). Items that break a constraint go to the quarantine instead.
 *
 * @param source id of the feed the item comes from
 * @param guid the item's id in its feed (RSS guid, Atom id, else its link)
 * @param title the title, as plain text
 * @param link the item's web page, an http(s) URL, or {@code null}
 * @param summary the description as plain text (HTML removed), shortened to
 * {@value #SUMMARY_MAX} characters; empty when the feed has none
 * @param publishedAt when the item was published (or last updated, when the feed says
 * nothing else)
 * @param currencies tickers of the crypto currencies the title and summary mention,
 * sorted and comma-separated ({@code "BTC,ETH"}); empty when none
 * @param ingestedAt when a collection fetched the item (set by the starter)
 */
@CollectedRecord(table = "news_item", key = { "source", "guid" }, timestamp = "publishedAt", symbol = "source")
public record NewsItem(
		@NotBlank @Size(max = SOURCE_MAX) @Pattern(regexp = FEED_ID_PATTERN,
				message = "must be a feed id: lower-case letters, digits, '-' and '_'") String source,
		@NotBlank @Size(max = GUID_MAX) String guid, @NotBlank @Size(max = TITLE_MAX) String title,
		@Size(max = LINK_MAX) @Pattern(regexp = "https?://\\S+", message = "must be an http or https URL") String link,
		@NotNull @Size(max = SUMMARY_MAX) String summary, @NotNull Instant publishedAt,
		@NotNull @Size(max = CURRENCIES_MAX) @Pattern(regexp = "([A-Z0-9]{2,10}(,[A-Z0-9]{2,10})*)?",
				message = "must be comma-separated upper-case tickers") String currencies,
		@NotNull Instant ingestedAt) implements IngestionTimestamped<NewsItem> {

	/** Size of the {@code source} column. */
	public static final int SOURCE_MAX = 50;

	/** Size of the {@code guid} column. */
	public static final int GUID_MAX = 500;

	/** Size of the {@code title} column. */
	public static final int TITLE_MAX = 500;

	/** Size of the {@code link} column. */
	public static final int LINK_MAX = 1000;

	/** Size of the {@code summary} column. */
	public static final int SUMMARY_MAX = 2000;

	/** Size of the {@code currencies} column. */
	public static final int CURRENCIES_MAX = 200;

	/** What a feed id looks like. */
	public static final String FEED_ID_PATTERN = "[a-z0-9][a-z0-9_-]*";

	@Override
	public NewsItem withIngestedAt(Instant ingestedAt) {
		return new NewsItem(this.source, this.guid, this.title, this.link, this.summary, this.publishedAt,
				this.currencies, ingestedAt);
	}

}
