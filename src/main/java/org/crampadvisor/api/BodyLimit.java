package org.crampadvisor.api;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses request bodies over 64 KiB (SPEC section 4) with a 413 problem. HTTP's own limit
 * ({@code quarkus.http.limits.max-body-size}) stays above this as a backstop, but answers 413
 * without a body; this check answers first and says why. It counts bytes as they are read, so a body
 * without a Content-Length is held to the same limit.
 */
@Provider
public class BodyLimit implements ReaderInterceptor {

    public static final int MAX_BYTES = 64 * 1024;

    /** The body exceeded {@link #MAX_BYTES}. */
    public static class BodyTooLargeException extends RuntimeException {
        BodyTooLargeException() {
            super("request body larger than " + MAX_BYTES + " bytes");
        }
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        String declared = context.getHeaders().getFirst(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && declared.chars().allMatch(Character::isDigit) && !declared.isEmpty()
                && Long.parseLong(declared) > MAX_BYTES) {
            throw new BodyTooLargeException();
        }
        context.setInputStream(new LimitedInputStream(context.getInputStream()));
        return context.proceed();
    }

    private static final class LimitedInputStream extends FilterInputStream {
        private long remaining = MAX_BYTES;

        LimitedInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int bytes) {
            remaining -= bytes;
            if (remaining < 0) {
                throw new BodyTooLargeException();
            }
        }
    }
}
