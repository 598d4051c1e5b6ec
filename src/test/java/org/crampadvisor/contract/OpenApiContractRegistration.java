package org.crampadvisor.contract;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;

/** Puts {@link OpenApiContractFilter} in front of every RestAssured request of every {@code @QuarkusTest}. */
public class OpenApiContractRegistration implements QuarkusTestBeforeEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        if (RestAssured.filters().stream().noneMatch(OpenApiContractFilter.class::isInstance)) {
            RestAssured.filters(OpenApiContractFilter.INSTANCE);
        }
    }
}
