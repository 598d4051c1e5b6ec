package org.crampadvisor.contract;

import java.util.List;
import java.util.Map;

/**
 * One HTTP request and its response, as the contract check sees them.
 *
 * @param query           query parameters, decoded, in the order sent
 * @param contentType     the request's Content-Type, or null
 * @param contentEncoding the request's Content-Encoding, or null
 * @param body            the request body as sent, empty when there is none
 */
public record Exchange(String method, String path, Map<String, List<String>> query, String contentType,
                       String contentEncoding, String body, int status, String responseContentType, String allow,
                       String responseBody) {
}
