package dev.collector.sample.news;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of the news collector, under {@code news.*}.
 */
@ConfigurationProperties("news")
@Validated
public class NewsProperties {

	/**
	 * Feeds to collect, each with an id (the "symbol" of its items, also the value of
	 * their "source" column) and the location of its RSS or Atom document: a Spring
	 * resource location such as "classpath:feeds/x.xml", "file:/srv/feeds/x.xml" or
	 * "https://example.org/feed.xml". Defaults to the feeds bundled with the sample.
	 */
	@NotEmpty
	@Valid
	private List<Feed> feeds = new ArrayList<>(
			List.of(new Feed("chainwire-daily", "classpath:feeds/chainwire-daily.xml"),
					new Feed("blockbeat", "classpath:feeds/blockbeat-atom.xml"),
					new Feed("defi-dispatch", "classpath:feeds/defi-dispatch.xml"),
					new Feed("satoshi-street", "classpath:feeds/satoshi-street-atom.xml")));

	/**
	 * Extra crypto currencies to tag items with, added to the built-in ones (BTC, ETH,
	 * SOL, XRP, ADA, DOGE, ...): ticker to the names that mean it, e.g.
	 * news.currencies.ARB=Arbitrum. The ticker itself always matches in upper case; the
	 * names match in any case, as whole words.
	 */
	private Map<String, List<String>> currencies = new LinkedHashMap<>();

	/**
	 * User-Agent header sent to http(s) feeds.
	 */
	@NotBlank
	private String userAgent = "news-collector/1.0 (collector-spring-boot-starter sample)";

	public List<Feed> getFeeds() {
		return this.feeds;
	}

	public void setFeeds(List<Feed> feeds) {
		this.feeds = feeds;
	}

	public Map<String, List<String>> getCurrencies() {
		return this.currencies;
	}

	public void setCurrencies(Map<String, List<String>> currencies) {
		this.currencies = currencies;
	}

	public String getUserAgent() {
		return this.userAgent;
	}

	public void setUserAgent(String userAgent) {
		this.userAgent = userAgent;
	}

	/**
	 * One feed.
	 */
	public static class Feed {

		/**
		 * Id of the feed: lower-case letters, digits, '-' and '_', at most 50 characters.
		 * Stored in the "source" column of its items and used as the symbol in collection
		 * requests.
		 */
		@NotBlank
		@Size(max = NewsItem.SOURCE_MAX)
		@Pattern(regexp = NewsItem.FEED_ID_PATTERN)
		private String id;

		/**
		 * Location of the feed's RSS or Atom document: "classpath:...", "file:...",
		 * "http://..." or "https://...".
		 */
		@NotBlank
		private String url;

		public Feed() {
		}

		public Feed(String id, String url) {
			this.id = id;
			this.url = url;
		}

		public String getId() {
			return this.id;
		}

		public void setId(String id) {
			this.id = id;
		}

		public String getUrl() {
			return this.url;
		}

		public void setUrl(String url) {
			this.url = url;
		}

		@Override
		public String toString() {
			return "'" + this.id + "' (" + this.url + ")";
		}

	}

}
