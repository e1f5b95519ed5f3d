package dev.collector.sample.news;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.web.client.RestClient;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

import dev.collector.collect.CollectionRequest;
import dev.collector.collect.Trigger;
import dev.collector.sample.news.NewsProperties.Feed;
import dev.collector.test.support.FakeUpstream;
import dev.collector.test.support.UpstreamResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class NewsCollectorTests {

	private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

	private static ValidatorFactory validatorFactory;

	private static Validator validator;

	private final RecordingResourceLoader resourceLoader = new RecordingResourceLoader();

	@BeforeAll
	static void createValidator() {
		validatorFactory = Validation.buildDefaultValidatorFactory();
		validator = validatorFactory.getValidator();
	}

	@AfterAll
	static void closeValidator() {
		validatorFactory.close();
	}

	@Test
	void readsEveryBundledFeed() {
		NewsCollector collector = collector(new NewsProperties());
		List<NewsItem> items = collectAll(collector, request(Trigger.MANUAL, Set.of()));
		Map<String, Long> perFeed = items.stream()
			.collect(Collectors.groupingBy(NewsItem::source, Collectors.counting()));
		assertThat(perFeed).containsExactlyInAnyOrderEntriesOf(
				Map.of("chainwire-daily", 10L, "blockbeat", 10L, "defi-dispatch", 9L, "satoshi-street", 8L));
		assertThat(items).extracting((item) -> List.of(item.source(), item.guid())).doesNotHaveDuplicates();
		assertThat(collector.symbols()).containsExactly("chainwire-daily", "blockbeat", "defi-dispatch",
				"satoshi-street");
		// in feed order, feed after feed
		assertThat(items.get(0).guid()).isEqualTo("chainwire-20261124-001");
		assertThat(items.get(items.size() - 1).guid()).isEqualTo("urn:uuid:72f5c3a1-0869-4e45-b3db-91e68f50a278");
	}

	@Test
	void bundledFeedsHoldExactlyOneInvalidItem() {
		List<NewsItem> items = collectAll(collector(new NewsProperties()), request(Trigger.MANUAL, Set.of()));
		// the ingestion timestamp is the starter's to set: stamp it as the pipeline does
		Map<NewsItem, Set<ConstraintViolation<NewsItem>>> invalid = items.stream()
			.map((item) -> item.withIngestedAt(NOW))
			.collect(Collectors.toMap(Function.identity(), validator::validate))
			.entrySet()
			.stream()
			.filter((entry) -> !entry.getValue().isEmpty())
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		assertThat(invalid).hasSize(1);
		Map.Entry<NewsItem, Set<ConstraintViolation<NewsItem>>> only = invalid.entrySet().iterator().next();
		assertThat(only.getKey().source()).isEqualTo("defi-dispatch");
		assertThat(only.getKey().guid()).isEqualTo("https://defi-dispatch.example/2026/11/21/untitled-draft");
		assertThat(only.getKey().title()).isEmpty();
		assertThat(only.getValue()).singleElement()
			.satisfies((violation) -> assertThat(violation.getPropertyPath()).hasToString("title"));
	}

	@Test
	void mapsRssItems() {
		List<NewsItem> items = collectAll(collector(new NewsProperties()),
				request(Trigger.MANUAL, Set.of("chainwire-daily")));
		NewsItem first = items.get(0);
		assertThat(first.source()).isEqualTo("chainwire-daily");
		assertThat(first.guid()).isEqualTo("chainwire-20261124-001");
		assertThat(first.title()).isEqualTo("Bitcoin holds above $118,000 as futures open interest cools");
		assertThat(first.link())
			.isEqualTo("https://chainwire-daily.example/markets/2026/11/24/bitcoin-holds-above-118k");
		assertThat(first.summary()).startsWith("BTC traded in a narrow band overnight");
		assertThat(first.publishedAt()).isEqualTo(Instant.parse("2026-11-24T07:30:00Z"));
		assertThat(first.currencies()).isEqualTo("BTC");
		assertThat(first.ingestedAt()).isNull();
		assertThat(items).extracting(NewsItem::currencies)
			.containsExactly("BTC", "ETH", "SOL", "USDC,USDT", "ADA,XRP", "BTC", "ETH", "DOGE,LTC", "", "DOT");
	}

	@Test
	void rssHtmlBecomesPlainText() {
		List<NewsItem> items = collectAll(collector(new NewsProperties()),
				request(Trigger.MANUAL, Set.of("defi-dispatch")));
		assertThat(items).extracting(NewsItem::currencies)
			.containsExactly("ETH", "ETH,SOL", "", "BCH,LTC", "", "ETH", "POL,USDC,USDT", "", "DOGE,XRP");
		// a guid without isPermaLink="false" is the link itself
		assertThat(items).allSatisfy((item) -> assertThat(item.guid()).isEqualTo(item.link()));
		assertThat(items.get(0).summary()).isEqualTo("Governance approved raising the loan-to-value ratio for liquid "
				+ "staking tokens from 78% to 80%. Risk stewards said liquidation depth on decentralized exchanges "
				+ "is now sufficient.");
		assertThat(items.get(7).summary()).contains("tokenization platform & custodian");
		assertThat(items).allSatisfy((item) -> assertThat(item.summary()).doesNotContain("<", ">", "&amp;"));
	}

	@Test
	void mapsAtomEntries() {
		List<NewsItem> blockbeat = collectAll(collector(new NewsProperties()),
				request(Trigger.MANUAL, Set.of("blockbeat")));
		assertThat(blockbeat).extracting(NewsItem::currencies)
			.containsExactly("BTC", "ADA", "ETH", "AVAX", "LINK", "SHIB", "TRX,USDT", "", "BNB", "");
		NewsItem first = blockbeat.get(0);
		assertThat(first.guid()).isEqualTo("tag:blockbeat.example,2026:news/8841");
		assertThat(first.link()).isEqualTo("https://blockbeat.example/news/8841-spot-bitcoin-funds-inflows");
		// published wins over updated
		assertThat(first.publishedAt()).isEqualTo(Instant.parse("2026-11-24T08:30:00Z"));

		List<NewsItem> street = collectAll(collector(new NewsProperties()),
				request(Trigger.MANUAL, Set.of("satoshi-street")));
		assertThat(street).extracting(NewsItem::currencies)
			.containsExactly("BTC", "ETH", "", "ADA,SOL", "BTC,ETH", "TON", "XRP", "");
		// no published date: the updated date
		assertThat(street.get(0).publishedAt()).isEqualTo(Instant.parse("2026-11-24T05:15:00Z"));
		assertThat(street.get(3).publishedAt()).isEqualTo(Instant.parse("2026-11-21T16:00:00Z"));
		// an HTML title and HTML content (no summary) as plain text
		assertThat(street.get(1).title()).isEqualTo("Ether options skew turns positive for the first time since July");
		assertThat(street.get(1).summary()).isEqualTo("Calls now trade at a premium to puts across the December and "
				+ "March expiries. Desks report steady demand for upside exposure from funds.");
	}

	@Test
	void collectsOnlyTheRequestedFeeds() {
		NewsCollector collector = collector(new NewsProperties());
		List<NewsItem> items = collectAll(collector, request(Trigger.MANUAL, Set.of("blockbeat", "satoshi-street")));
		assertThat(items).extracting(NewsItem::source).containsOnly("blockbeat", "satoshi-street").hasSize(18);
		assertThat(this.resourceLoader.opened).containsExactly("classpath:feeds/blockbeat-atom.xml",
				"classpath:feeds/satoshi-street-atom.xml");
	}

	@Test
	void scheduledAndManualRunsIgnoreTheWindow() {
		NewsCollector collector = collector(new NewsProperties());
		Instant from = Instant.parse("2026-11-24T00:00:00Z");
		for (Trigger trigger : List.of(Trigger.SCHEDULED, Trigger.MANUAL)) {
			CollectionRequest request = new CollectionRequest("run-" + trigger, trigger, from, NOW, Set.of(), false,
					false);
			assertThat(collectAll(collector, request)).hasSize(37);
		}
	}

	@Test
	void backfillKeepsTheItemsOfItsWindow() {
		NewsCollector collector = collector(new NewsProperties());
		CollectionRequest request = new CollectionRequest("run-backfill", Trigger.BACKFILL,
				Instant.parse("2026-11-23T00:00:00Z"), Instant.parse("2026-11-24T00:00:00Z"), Set.of(), false, false);
		List<NewsItem> items = collectAll(collector, request);
		assertThat(items).isNotEmpty()
			.allSatisfy((item) -> assertThat(item.publishedAt()).isBetween(request.from(), request.to()));
		assertThat(items).extracting(NewsItem::guid)
			.contains("chainwire-20261123-004", "tag:blockbeat.example,2026:news/8837")
			.doesNotContain("chainwire-20261124-001");
	}

	@Test
	void opensAFeedOnlyWhenTheStreamReachesIt() throws Exception {
		NewsProperties properties = properties(new Feed("chainwire-daily", "classpath:feeds/chainwire-daily.xml"),
				new Feed("blockbeat", "classpath:feeds/blockbeat-atom.xml"));
		NewsCollector collector = collector(properties);
		try (Stream<NewsItem> stream = collector.collect(request(Trigger.MANUAL, Set.of()))) {
			assertThat(this.resourceLoader.opened).as("opened by collect()").isEmpty();
			Iterator<NewsItem> iterator = stream.iterator();
			for (int i = 0; i < 10; i++) {
				assertThat(iterator.next().source()).isEqualTo("chainwire-daily");
				assertThat(this.resourceLoader.opened).containsExactly("classpath:feeds/chainwire-daily.xml");
			}
			assertThat(iterator.next().source()).isEqualTo("blockbeat");
			assertThat(this.resourceLoader.opened).containsExactly("classpath:feeds/chainwire-daily.xml",
					"classpath:feeds/blockbeat-atom.xml");
		}
	}

	@Test
	void aMissingFeedFailsWhenReachedAndIsNamed() throws Exception {
		NewsProperties properties = properties(new Feed("chainwire-daily", "classpath:feeds/chainwire-daily.xml"),
				new Feed("gone", "classpath:feeds/does-not-exist.xml"));
		try (Stream<NewsItem> stream = collector(properties).collect(request(Trigger.MANUAL, Set.of()))) {
			Iterator<NewsItem> iterator = stream.iterator();
			// the feeds before the missing one are read
			for (int i = 0; i < 10; i++) {
				assertThat(iterator.next().source()).isEqualTo("chainwire-daily");
			}
			assertThatExceptionOfType(FeedReadException.class).isThrownBy(iterator::hasNext)
				.withMessageStartingWith("Feed 'gone' (classpath:feeds/does-not-exist.xml) could not be read: ")
				.withMessageContaining("does not exist")
				.satisfies((ex) -> assertThat(ex.getFeedId()).isEqualTo("gone"));
		}
	}

	@Test
	void anUnreachableFeedFailsWithItsName() {
		// nothing listens on port 1 of the loopback interface: the connection is refused
		// at once
		NewsProperties properties = properties(new Feed("offline", "http://127.0.0.1:1/feed.xml"));
		assertThatExceptionOfType(FeedReadException.class)
			.isThrownBy(() -> collectAll(collector(properties), request(Trigger.MANUAL, Set.of())))
			.withMessageStartingWith("Feed 'offline' (http://127.0.0.1:1/feed.xml) could not be read: ")
			.withMessageContaining("connection failed (ConnectException");
	}

	@Test
	void readsAFeedOverHttp() {
		try (FakeUpstream upstream = FakeUpstream.start()) {
			upstream.on("/rss.xml")
				.respond(UpstreamResponse.classpath("feeds/chainwire-daily.xml", "application/rss+xml"));
			upstream.on("/broken").respond(UpstreamResponse.status(503));
			NewsProperties properties = properties(new Feed("remote", upstream.url("/rss.xml")));
			List<NewsItem> items = collectAll(collector(properties), request(Trigger.MANUAL, Set.of()));
			assertThat(items).hasSize(10).extracting(NewsItem::source).containsOnly("remote");
			assertThat(upstream.requests("/rss.xml")).extracting((request) -> request.header("User-Agent"))
				.containsExactly(properties.getUserAgent());

			NewsProperties failing = properties(new Feed("unavailable", upstream.url("/broken")));
			assertThatExceptionOfType(FeedReadException.class)
				.isThrownBy(() -> collectAll(collector(failing), request(Trigger.MANUAL, Set.of())))
				.withMessageStartingWith("Feed 'unavailable' (" + upstream.url("/broken") + ") could not be read: ")
				.withMessageContaining("HTTP status 503");
		}
	}

	@Test
	void malformedXmlFailsWithTheFeedsName() {
		NewsProperties properties = properties(new Feed("broken", "classpath:test-feeds/broken.xml"));
		assertThatExceptionOfType(FeedReadException.class)
			.isThrownBy(() -> collectAll(collector(properties), request(Trigger.MANUAL, Set.of())))
			.withMessageStartingWith("Feed 'broken' (classpath:test-feeds/broken.xml) could not be read: ");
	}

	@Test
	void xmlThatIsNotAFeedFailsWithTheFeedsName() {
		NewsProperties properties = properties(new Feed("catalog", "classpath:test-feeds/not-a-feed.xml"));
		assertThatExceptionOfType(FeedReadException.class)
			.isThrownBy(() -> collectAll(collector(properties), request(Trigger.MANUAL, Set.of())))
			.withMessageStartingWith("Feed 'catalog' (classpath:test-feeds/not-a-feed.xml) could not be read: ");
	}

	@Test
	void anItemWithoutADateIsLeftForValidationToQuarantine() {
		NewsProperties properties = properties(new Feed("edge", "classpath:test-feeds/long-texts.xml"));
		List<NewsItem> items = collectAll(collector(properties), request(Trigger.MANUAL, Set.of()));
		NewsItem undated = items.get(0);
		assertThat(undated.publishedAt()).isNull();
		// no guid: the link identifies the item
		assertThat(undated.guid()).isEqualTo("https://edge.example/no-date");
		assertThat(validator.validate(undated.withIngestedAt(NOW))).extracting((v) -> v.getPropertyPath().toString())
			.containsExactly("publishedAt");
	}

	@Test
	void longTextsAreShortenedToFitTheirColumns() {
		NewsProperties properties = properties(new Feed("edge", "classpath:test-feeds/long-texts.xml"));
		NewsItem item = collectAll(collector(properties), request(Trigger.MANUAL, Set.of())).get(1);
		assertThat(item.title()).isEqualTo("Spaces & entities in the title");
		assertThat(item.summary()).hasSizeLessThanOrEqualTo(NewsItem.SUMMARY_MAX)
			.hasSizeGreaterThan(NewsItem.SUMMARY_MAX - 100)
			.startsWith("Ethereum scaling notes & remarks. Ethereum")
			.endsWith("\u2026");
		assertThat(item.currencies()).isEqualTo("ETH");
		assertThat(validator.validate(item.withIngestedAt(NOW))).isEmpty();
	}

	@Test
	void shortenNeverSplitsASurrogatePair() {
		String text = "a".repeat(8) + "\uD83D\uDE80" + "b".repeat(10);
		String shortened = NewsCollector.shorten(text, 10);
		assertThat(shortened).hasSizeLessThanOrEqualTo(10).isEqualTo("a".repeat(8) + "\u2026");
	}

	@Test
	void feedIdsMustBeUnique() {
		NewsProperties properties = properties(new Feed("twice", "classpath:feeds/chainwire-daily.xml"),
				new Feed("twice", "classpath:feeds/blockbeat-atom.xml"));
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> collector(properties))
			.withMessageContaining("'twice'");
	}

	private NewsCollector collector(NewsProperties properties) {
		return new NewsCollector(properties, this.resourceLoader, RestClient.create());
	}

	private static List<NewsItem> collectAll(NewsCollector collector, CollectionRequest request) {
		try (Stream<NewsItem> stream = collector.collect(request)) {
			return stream.toList();
		}
	}

	private static CollectionRequest request(Trigger trigger, Set<String> symbols) {
		return new CollectionRequest("run-1", trigger, NOW.minusSeconds(900), NOW, symbols, false, false);
	}

	private static NewsProperties properties(Feed... feeds) {
		NewsProperties properties = new NewsProperties();
		properties.setFeeds(new ArrayList<>(List.of(feeds)));
		return properties;
	}

	/**
	 * Records the locations the collector asks for, in order.
	 */
	static final class RecordingResourceLoader implements ResourceLoader {

		private final DefaultResourceLoader delegate = new DefaultResourceLoader();

		final List<String> opened = new ArrayList<>();

		@Override
		public Resource getResource(String location) {
			this.opened.add(location);
			return this.delegate.getResource(location);
		}

		@Override
		public ClassLoader getClassLoader() {
			return this.delegate.getClassLoader();
		}

	}

}
