package dev.collector.security;

import java.util.Set;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;

import dev.collector.security.PathSpellingCorpusTests.CorpusApplication;
import dev.collector.security.corpus.AbstractPathSpellingCorpusTests;

/**
 * The spelling corpus with Spring MVC's Ant matching strategy, whose dispatcher decodes
 * the path, strips {@code ;params} and folds repeated slashes before it matches: more
 * spellings reach a handler than with the default strategy, and each must meet the token
 * check on that handler. The guard filter matches as the default strategy does, so a
 * method the handler does not take may be refused with 405 before the check.
 */
@SpringBootTest(classes = CorpusApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = { "spring.datasource.url=jdbc:h2:mem:spelling-corpus-ant;DB_CLOSE_DELAY=-1",
		"spring.sql.init.mode=always", "spring.sql.init.schema-locations=classpath:reading-schema.sql",
		"spring.mvc.pathmatch.matching-strategy=ant_path_matcher" })
class AntPathMatcherPathSpellingCorpusTests extends AbstractPathSpellingCorpusTests {

	@Override
	protected Set<Integer> refusals() {
		return Set.of(400, 401, 403, 404, 405);
	}

}
