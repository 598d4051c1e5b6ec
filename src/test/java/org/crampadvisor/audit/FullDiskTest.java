package org.crampadvisor.audit;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A full disk, for real: the embedded store's data dir is a tmpfs of 3 MB (mounted when the tests run as
 * root, as CI does; skipped otherwise, but never with CI=true), filled up by a filler file. Records that cannot be committed are
 * refused with 503, readiness goes DOWN while liveness stays UP, and once space is back the store resumes
 * by itself: readiness UP, evaluations answered, every acknowledged record there.
 */
@QuarkusTest
@TestProfile(FullDiskTest.SmallFileSystem.class)
class FullDiskTest {

    static final Path MOUNT = Path.of("target/full-disk-test").toAbsolutePath();

    public static class SmallFileSystem implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            mount();
            return Map.of("advisor.data-dir", MOUNT.toString(), "advisor.audit.store", "embedded",
                    "quarkus.datasource.postgresql.active", "false");
        }
    }

    static synchronized boolean mount() {
        try {
            if (mounted()) {
                return true;
            }
            Files.createDirectories(MOUNT);
            Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", MOUNT.toString())
                    .redirectErrorStream(true).start();
            if (!mount.waitFor(30, TimeUnit.SECONDS) || mount.exitValue() != 0) {
                return false;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    new ProcessBuilder("umount", "-l", MOUNT.toString()).start().waitFor(30, TimeUnit.SECONDS);
                } catch (IOException | InterruptedException e) {
                    // the test is over either way
                }
            }));
            return true;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static boolean mounted() throws IOException {
        return Files.readAllLines(Path.of("/proc/mounts")).stream().anyMatch(line -> line.contains(" " + MOUNT + " tmpfs "));
    }

    @io.quarkus.test.common.http.TestHTTPResource(value = "health/ready", management = true)
    java.net.URL ready;

    @io.quarkus.test.common.http.TestHTTPResource(value = "health/live", management = true)
    java.net.URL live;

    private static Response evaluate(String body) {
        return given().auth().preemptive().basic("requester", "requester").contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/evaluations");
    }

    @Test
    void shouldGoNotReadyWhileTheDiskIsFullAndResumeByItselfOnceSpaceIsBack() throws Exception {
        if ("true".equals(System.getenv("CI"))) {
            assertThat(mounted()).as("CI runs as root and must be able to mount a 3 MB tmpfs at " + MOUNT).isTrue();
        }
        assumeTrue(mounted(), "needs root to mount a small tmpfs (CI runs as root, and there this test must run)");
        String body = Files.readString(Path.of("src/test/resources/spec-example.json"));
        given().when().get(ready).then().statusCode(200);

        Path filler = MOUNT.resolve("filler");
        long usable = Files.getFileStore(MOUNT).getUsableSpace();
        try (RandomAccessFile file = new RandomAccessFile(filler.toFile(), "rw")) {
            file.setLength(0);
            byte[] block = new byte[64 * 1024];
            for (long left = usable - 96 * 1024; left > 0; left -= block.length) {
                file.write(block, 0, (int) Math.min(block.length, left));
            }
        }

        List<String> acknowledged = new ArrayList<>();
        int refused = 0;
        for (int i = 0; i < 500 && refused == 0; i++) {
            Response answer = evaluate(body);
            if (answer.statusCode() == 200) {
                acknowledged.add(answer.jsonPath().getString("evaluationId"));
            } else {
                assertThat(answer.statusCode()).isEqualTo(503);
                assertThat(answer.contentType()).startsWith("application/problem+json");
                refused++;
            }
        }
        assertThat(refused).as("a full disk refuses evaluations").isEqualTo(1);
        given().when().get(ready).then().statusCode(503).body("checks.name", hasItem("audit-log"));
        given().when().get(live).then().statusCode(200);
        assertThat(evaluate(body).statusCode()).isEqualTo(503);

        Files.delete(filler);
        // No event reaches a client when space comes back: poll readiness, as a load balancer would.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (given().when().get(ready).statusCode() != 200) {
            assertThat(System.nanoTime()).as("readiness UP again within 60 s").isLessThan(deadline);
            Thread.sleep(100);
        }
        String after = evaluate(body).then().statusCode(200).extract().path("evaluationId");
        acknowledged.add(after);
        for (String id : acknowledged) {
            given().auth().preemptive().basic("auditor", "auditor").when().get("/api/v1/evaluations/" + id)
                    .then().statusCode(200);
        }
        given().auth().preemptive().basic("auditor", "auditor").queryParam("rule", "Low serum potassium")
                .queryParam("limit", "500").when().get("/api/v1/evaluations").then().statusCode(200)
                .body("items.evaluationId", org.hamcrest.Matchers.hasItems(acknowledged.toArray()));
    }
}
