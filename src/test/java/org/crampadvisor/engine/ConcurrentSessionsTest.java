package org.crampadvisor.engine;

import org.crampadvisor.RulesFolderFixture;
import org.crampadvisor.evaluation.EvaluationRequest;
import org.crampadvisor.evaluation.Evaluator;
import org.crampadvisor.evaluation.Recommendation;
import org.crampadvisor.evaluation.StrictJson;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many sessions of one ruleset at once, as under load: every evaluation must give the same answer as
 * one alone. Guards the engine settings (a session option that looked harmless broke this).
 */
class ConcurrentSessionsTest {

    private static final int THREADS = 16;
    private static final int EVALUATIONS_EACH = 100;

    @Test
    void shouldGiveEveryConcurrentEvaluationTheSameAnswer() throws Exception {
        Ruleset ruleset = new RulesetCompiler().compile(RulesFolderFixture.RULES);
        EvaluationRequest request = StrictJson.newMapper().readValue(
                Files.readString(Path.of("src/test/resources/spec-example.json")), EvaluationRequest.class);
        Evaluator evaluator = new Evaluator();
        Recommendation alone = evaluator.evaluate(request, ruleset);

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Recommendation>>> answers = new ArrayList<>();
        try {
            for (int t = 0; t < THREADS; t++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    List<Recommendation> mine = new ArrayList<>();
                    for (int i = 0; i < EVALUATIONS_EACH; i++) {
                        mine.add(evaluator.evaluate(request, ruleset));
                    }
                    return mine;
                }));
            }
            start.countDown();
            for (Future<List<Recommendation>> thread : answers) {
                assertThat(thread.get()).allSatisfy(answer -> {
                    assertThat(answer.causes()).isEqualTo(alone.causes());
                    assertThat(answer.advice()).isEqualTo(alone.advice());
                    assertThat(answer.trace()).hasSameSizeAs(alone.trace());
                });
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
