package org.crampadvisor.audit;

/**
 * An audit record with its documents already compressed, by the request's own thread: the single
 * writer then only writes, and compression runs on every core.
 */
record CompressedRecord(AuditRecord record, byte[] requestGzip, byte[] responseGzip) {

    static CompressedRecord of(AuditRecord record) {
        return new CompressedRecord(record, Gzip.compress(record.requestJson()), Gzip.compress(record.responseJson()));
    }
}
