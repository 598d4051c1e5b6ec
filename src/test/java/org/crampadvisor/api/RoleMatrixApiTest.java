package org.crampadvisor.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.is;

/** SPEC section 7: who may call what. 401 without or with wrong credentials, 403 with the wrong role. */
@QuarkusTest
class RoleMatrixApiTest {

    private static RequestSpecification as(String user, String password) {
        RequestSpecification request = given().contentType(ContentType.JSON);
        return user.equals("-") ? request : request.auth().preemptive().basic(user, password);
    }

    @ParameterizedTest(name = "{0} {1} as {2} -> {4}")
    @CsvSource(textBlock = """
            POST, /api/v1/evaluations, requester,  requester,  200
            POST, /api/v1/evaluations, auditor,    auditor,    403
            POST, /api/v1/evaluations, rule-admin, rule-admin, 403
            POST, /api/v1/evaluations, -,          -,          401
            POST, /api/v1/evaluations, requester,  wrong,      401
            POST, /api/v1/evaluations, nobody,     nobody,     401
            GET,  /api/v1/rules,       requester,  requester,  200
            GET,  /api/v1/rules,       auditor,    auditor,    200
            GET,  /api/v1/rules,       rule-admin, rule-admin, 200
            GET,  /api/v1/rules,       -,          -,          401
            GET,  /api/v1/ruleset,     requester,  requester,  200
            GET,  /api/v1/ruleset,     auditor,    auditor,    200
            GET,  /api/v1/ruleset,     rule-admin, rule-admin, 200
            GET,  /api/v1/ruleset,     -,          -,          401
            GET,  /api/v1/evaluations, requester,  requester,  403
            GET,  /api/v1/evaluations, rule-admin, rule-admin, 403
            GET,  /api/v1/evaluations, -,          -,          401
            GET,  /api/v1/evaluations/any-id, requester, requester, 403
            DELETE, /api/v1/evaluations, requester, requester, 405
            POST, /api/v1/ruleset/reload, rule-admin, rule-admin, 200
            POST, /api/v1/ruleset/reload, requester,  requester,  403
            POST, /api/v1/ruleset/reload, auditor,    auditor,    403
            POST, /api/v1/ruleset/reload, -,          -,          401
            POST, /api/v1/benchmark/no-op, requester, requester,  404
            """)
    void shouldEnforceTheRoleMatrix(String method, String path, String user, String password, int status) {
        var response = as(user, password).body(method.equals("POST") ? "{}" : "")
                .when().request(method, path)
                .then().statusCode(status);
        if (status == 401) {
            response.header("WWW-Authenticate", containsStringIgnoringCase("basic realm=\"cramp-advisor\""));
        }
        if (status == 403 && path.equals("/api/v1/evaluations") && method.equals("POST")) {
            response.contentType("application/problem+json").body("status", is(403))
                    .body("detail", containsString("role"));
        }
    }
}
