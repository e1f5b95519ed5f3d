package dev.collector.sample.news;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.util.HtmlUtils;

import dev.collector.collect.CollectionRequest;
import dev.collector.collect.Collector;
import dev.collector.collect.Trigger;
import dev.collector.sample.news.NewsProperties.Feed;

/**
 * Collects the items of the configured RSS and Atom feeds ({@code news.feeds}).
 * <p>
 * Feeds are read lazily, one after the other as the stream reaches them. A feed offers
 * only its latest items, so scheduled and manual runs take all of them whatever the
 * request's window (the sink skips those already stored); a backfill run keeps the items
 * published inside its window. Each feed is a symbol, and the framework calls
 * {@link #collect} once per feed ({@link #collectsPerSymbol()}): a feed that cannot be
 * read or parsed ({@link FeedReadException}, which names it) is a part failure, so the
 * run stores the other feeds, ends {@code partial}, and the broken feed is retried by the
 * next runs.
 */
@Component
public class NewsCollector implements Collector<NewsItem> {

	private static final Pattern SCRIPT_OR_STYLE = Pattern.compile("(?is)<(script|style)\\b.*?</\\1\\s*>");

	/** Tags that break the text: replaced by a space. */
	private static final Pattern BLOCK_TAG = Pattern.compile(
			"(?i)</?(?:p|br|hr|div|li|ul|ol|dl|dt|dd|h[1-6]|tr|td|th|table|blockquote|pre|section|article|header|footer|figure|figcaption)\\b[^>]*>");

	/** Other tags and comments: removed ({@code <b>80%</b>.} reads "80%."). */
	private static final Pattern TAG = Pattern.compile("(?s)<!--.*?-->|<[^>]*>");

	private static final Pattern WHITESPACE = Pattern.compile("\\s+");

	private static final String ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5";

	/** The collector's name: its metrics label, checkpoint key and path segment. */
	public static final String NAME = "news-collector";

	private final NewsProperties properties;

	private final ResourceLoader resourceLoader;

	private final CurrencyTagger tagger;

	private final RestClient http;

	/**
	 * Create the collector.
	 * @param properties the feeds
	 * @param resourceLoader reads file and class path feeds
	 * @param http reads http(s) feeds: the starter's collectorRestClient, which rate
	 * limits, retries (429/502/503/504, honouring Retry-After), breaks the circuit and
	 * measures every request
	 */
	public NewsCollector(NewsProperties properties, ResourceLoader resourceLoader,
			@Qualifier("collectorRestClient") RestClient http) {
		this.properties = properties;
		this.http = http;
		this.resourceLoader = resourceLoader;
		this.tagger = new CurrencyTagger(properties.getCurrencies());
		Set<String> ids = new LinkedHashSet<>();
		for (Feed feed : properties.getFeeds()) {
			if (!ids.add(feed.getId())) {
				throw new IllegalStateException("news.feeds lists the feed id '" + feed.getId() + "' twice");
			}
		}
	}

	@Override
	public String name() {
		// the name it had as the application's only collector: its checkpoints and
		// metrics stay its own now that the prices collector runs beside it
		return NAME;
	}

	@Override
	public Stream<NewsItem> collect(CollectionRequest request) {
		List<Feed> feeds = this.properties.getFeeds()
			.stream()
			.filter((feed) -> request.includes(feed.getId()))
			.toList();
		// flatMap opens a feed only when the stream gets to it
		Stream<NewsItem> items = feeds.stream().flatMap((feed) -> read(feed).stream());
		if (request.trigger() == Trigger.BACKFILL) {
			items = items.filter((item) -> item.publishedAt() != null && !item.publishedAt().isBefore(request.from())
					&& item.publishedAt().isBefore(request.to()));
		}
		return items;
	}

	@Override
	public boolean collectsPerSymbol() {
		return true;
	}

	@Override
	public Set<String> symbols() {
		return this.properties.getFeeds()
			.stream()
			.map(Feed::getId)
			.collect(Collectors.toCollection(LinkedHashSet::new));
	}

	/**
	 * Read and parse one feed.
	 * @param feed the feed
	 * @return its items, in feed order
	 * @throws FeedReadException when the feed cannot be read or parsed
	 */
	List<NewsItem> read(Feed feed) {
		try {
			Resource resource = this.resourceLoader.getResource(feed.getUrl());
			SyndFeed syndFeed;
			try (Reader reader = open(resource)) {
				SyndFeedInput input = new SyndFeedInput();
				input.setAllowDoctypes(false);
				syndFeed = input.build(reader);
			}
			List<NewsItem> items = new ArrayList<>(syndFeed.getEntries().size());
			for (SyndEntry entry : syndFeed.getEntries()) {
				items.add(toItem(feed, entry));
			}
			return items;
		}
		catch (IOException | FeedException | RuntimeException ex) {
			throw new FeedReadException(feed.getId(), feed.getUrl(), ex);
		}
	}

	private Reader open(Resource resource) throws IOException {
		String protocol = resource.isFile() ? "file" : protocol(resource);
		if ("http".equals(protocol) || "https".equals(protocol)) {
			ResponseEntity<byte[]> response;
			try {
				response = this.http.get()
					.uri(resource.getURI())
					.header(HttpHeaders.USER_AGENT, this.properties.getUserAgent())
					.header(HttpHeaders.ACCEPT, ACCEPT)
					.retrieve()
					.toEntity(byte[].class);
			}
			catch (RestClientResponseException ex) {
				throw new IOException("HTTP status " + ex.getStatusCode().value() + " from " + resource.getURI(), ex);
			}
			catch (ResourceAccessException ex) {
				// the JDK client's ConnectException has no message of its own
				Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
				throw new IOException("connection failed (" + cause.getClass().getSimpleName()
						+ ((cause.getMessage() != null) ? ": " + cause.getMessage() : "") + ")", ex);
			}
			MediaType contentType = response.getHeaders().getContentType();
			byte[] body = (response.getBody() != null) ? response.getBody() : new byte[0];
			// the charset of the Content-Type header counts
			return new XmlReader(new ByteArrayInputStream(body), (contentType != null) ? contentType.toString() : null,
					true);
		}
		return new XmlReader(resource.getInputStream());
	}

	private static String protocol(Resource resource) {
		try {
			return resource.getURL().getProtocol().toLowerCase(Locale.ROOT);
		}
		catch (IOException ex) {
			// a class path resource that does not exist, for instance: opening it says
			// why
			return "";
		}
	}

	private NewsItem toItem(Feed feed, SyndEntry entry) {
		String link = link(entry);
		String guid = StringUtils.hasText(entry.getUri()) ? entry.getUri().strip() : link;
		String title = shorten(text(entry.getTitle()), NewsItem.TITLE_MAX);
		String summary = shorten(text(summaryHtml(entry)), NewsItem.SUMMARY_MAX);
		Date date = (entry.getPublishedDate() != null) ? entry.getPublishedDate() : entry.getUpdatedDate();
		// no date: left null, so validation sends the item to the quarantine
		Instant publishedAt = (date != null) ? date.toInstant() : null;
		String currencies = this.tagger.tag(title + "\n" + summary);
		return new NewsItem(feed.getId(), guid, title, link, summary, publishedAt, currencies, null);
	}

	private static String link(SyndEntry entry) {
		if (StringUtils.hasText(entry.getLink())) {
			return entry.getLink().strip();
		}
		for (SyndLink link : entry.getLinks()) {
			if (StringUtils.hasText(link.getHref()) && (link.getRel() == null || "alternate".equals(link.getRel()))) {
				return link.getHref().strip();
			}
		}
		return null;
	}

	private static String summaryHtml(SyndEntry entry) {
		if (entry.getDescription() != null && StringUtils.hasText(entry.getDescription().getValue())) {
			return entry.getDescription().getValue();
		}
		return entry.getContents()
			.stream()
			.map(SyndContent::getValue)
			.filter(StringUtils::hasText)
			.collect(Collectors.joining("\n"));
	}

	/**
	 * Plain text of a feed's text or HTML: scripts, styles, comments and tags removed,
	 * entities decoded, whitespace collapsed.
	 * @param html the text, possibly HTML, or {@code null}
	 * @return the plain text, never {@code null}
	 */
	static String text(String html) {
		if (html == null) {
			return "";
		}
		String text = SCRIPT_OR_STYLE.matcher(html).replaceAll(" ");
		text = BLOCK_TAG.matcher(text).replaceAll(" ");
		text = TAG.matcher(text).replaceAll("");
		text = HtmlUtils.htmlUnescape(text);
		return WHITESPACE.matcher(text).replaceAll(" ").strip();
	}

	/**
	 * Shorten a text to a column's size, at a word boundary when one is near, with an
	 * ellipsis.
	 * @param text the text
	 * @param max the most characters (UTF-16 units) allowed
	 * @return the text, or its shortened form
	 */
	static String shorten(String text, int max) {
		if (text.length() <= max) {
			return text;
		}
		int end = max - 1;
		int space = text.lastIndexOf(' ', end);
		if (space > max * 4 / 5) {
			end = space;
		}
		if (Character.isHighSurrogate(text.charAt(end - 1))) {
			end--;
		}
		return text.substring(0, end).stripTrailing() + "\u2026";
	}

}
