package dev.collector.jdbc;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresCopyInserterTests {

	@Test
	void copyTextEscapesSeparatorsAndMarksNulls() {
		byte[] text = PostgresCopyInserter.copyText(List.<Object[]>of(
				new Object[] { "a\tb\nc\rd\\e", null, new BigDecimal("1E+3"), true, new byte[] { 1, (byte) 0xab } },
				new Object[] { UUID.fromString("00000000-0000-0000-0000-00000000002a"), 7L, false, "", "é" }));
		assertThat(new String(text, StandardCharsets.UTF_8)).isEqualTo(
				"a\\tb\\nc\\rd\\\\e\t\\N\t1000\tt\t\\\\x01ab\n00000000-0000-0000-0000-00000000002a\t7\tf\t\té\n");
	}

	@Test
	void stagingTableIsNamedAfterTheTableAndFitsAnIdentifier() {
		assertThat(PostgresCopyInserter.stagingTable("news.Item")).isEqualTo("collector_staging_news_item");
		String longName = PostgresCopyInserter.stagingTable("x".repeat(60));
		assertThat(longName).hasSizeLessThanOrEqualTo(63)
			.isNotEqualTo(PostgresCopyInserter.stagingTable("x".repeat(61)));
	}

}
