package dev.collector.sample.news;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CurrencyTaggerTests {

	private final CurrencyTagger tagger = new CurrencyTagger();

	@ParameterizedTest(name = "[{index}] \"{0}\" -> \"{1}\"")
	@CsvSource(delimiter = '|', emptyValue = "", textBlock = """
			Bitcoin holds above $118,000                              | BTC
			bitcoin miners sell fewer coins                           | BTC
			Two bitcoins were sent                                    | BTC
			BTC-USD slips                                             | BTC
			Traders pile into $BTC calls                              | BTC
			Ethereum and Ether are the same network's things         | ETH
			Staked ETH/BTC ratio rises                                | BTC,ETH
			Solana validators and SOL staking                         | SOL
			Ripple adds a bank; XRP rallies                           | XRP
			Cardano vote passes                                       | ADA
			ADA and DOGE lead                                         | ADA,DOGE
			Dogecoin tips                                             | DOGE
			Bitcoin Cash and Litecoin pools                           | BCH,LTC
			Bitcoin and Bitcoin Cash                                  | BCH,BTC
			USDT and USDC reserves; Tether attestation                | USDC,USDT
			Polkadot auction locks DOT                                | DOT
			Shiba Inu burn                                            | SHIB
			Toncoin wallets                                           | TON
			ETH, SOL, ETH again and BTC                               | BTC,ETH,SOL
			Hardware wallet recall                                    | ''
			""")
	void tagsTickersAndNames(String text, String expected) {
		assertThat(this.tagger.tag(text)).isEqualTo(expected);
	}

	@ParameterizedTest(name = "[{index}] \"{0}\" has no currency")
	@CsvSource(delimiter = '|', textBlock = """
			whether the market recovers
			a ripple effect on prices
			an avalanche of sell orders
			the solar industry
			ETHICS board and BTCUSD pair
			a new sol-gel coating
			click the link below
			the dot-com bubble
			Ethernet cables and Adam's bitcoinfaq page
			""")
	void matchesWholeWordsOnlyAndIgnoresCommonWords(String text) {
		assertThat(this.tagger.tag(text)).isEmpty();
	}

	@Test
	void nothingInNothing() {
		assertThat(this.tagger.tag(null)).isEmpty();
		assertThat(this.tagger.tag("   ")).isEmpty();
	}

	@Test
	void tagsMatchAcrossLineBreaks() {
		assertThat(this.tagger.tag("Bitcoin Cash\nand Shiba\nInu")).isEqualTo("BCH,SHIB");
	}

	@Test
	void configuredCurrenciesAreAdded() {
		CurrencyTagger tagger = new CurrencyTagger(
				Map.of("arb", List.of("Arbitrum"), "BTC", List.of("digital gold"), "OP", List.of("Optimism")));
		assertThat(tagger.tag("ARBITRUM grants and the ARB token")).isEqualTo("ARB");
		assertThat(tagger.tag("so-called Digital  Gold")).isEqualTo("BTC");
		assertThat(tagger.tag("Ethereum and optimism")).isEqualTo("ETH,OP");
		assertThat(tagger.tag("arb trades")).isEmpty();
	}

	@Test
	void configuredTickerMustBeATicker() {
		assertThatIllegalArgumentException().isThrownBy(() -> new CurrencyTagger(Map.of("not a ticker", List.of())))
			.withMessageContaining("not a ticker");
	}

}
