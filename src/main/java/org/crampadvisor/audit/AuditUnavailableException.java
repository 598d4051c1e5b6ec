package org.crampadvisor.audit;

/** The audit store could not commit a record, so the evaluation it belongs to must not be answered. */
public class AuditUnavailableException extends RuntimeException {

    public AuditUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
