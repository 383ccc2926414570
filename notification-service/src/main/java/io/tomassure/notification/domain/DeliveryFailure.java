package io.tomassure.notification.domain;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

/**
 * Why a delivery failed, as a category. Failures are published (and so reach the organisation's audit feed): raw
 * exception text would tell a caller what answers at an address, so it is named only as one of these.
 */
public enum DeliveryFailure {
    /** No answer within the time a delivery may take. */
    TIMEOUT("timeout"),
    /** The receiver refused the connection. */
    REFUSED("refused"),
    /** The receiver's host name did not resolve. */
    DNS("dns"),
    /** No route to the receiver. */
    UNREACHABLE("unreachable"),
    /** The host now resolves to an address webhooks may not reach (checked again at every send). */
    BLOCKED_ADDRESS("blocked-address"),
    /** The TLS handshake failed: an untrusted or mismatched certificate, say. */
    TLS("tls"),
    /** The receiver answered with a redirect, which is never followed. */
    HTTP_3XX("http-3xx"),
    HTTP_4XX("http-4xx"),
    HTTP_5XX("http-5xx"),
    /** The webhook was removed before the delivery was made. */
    REMOVED("webhook-removed"),
    /** The mail server did not take the email. */
    SMTP("smtp"),
    /** The connection failed in some other way. */
    IO("io");

    private final String category;

    DeliveryFailure(String category) {
        this.category = category;
    }

    public String category() {
        return category;
    }

    /** The failure an HTTP status means, or null for a 2xx success. */
    public static DeliveryFailure ofStatus(int status) {
        return switch (status / 100) {
            case 2 -> null;
            case 3 -> HTTP_3XX;
            case 4 -> HTTP_4XX;
            default -> HTTP_5XX;
        };
    }

    /** The category of a failed attempt to call a receiver, from the exception and its causes. */
    public static DeliveryFailure of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException || cause.getClass().getSimpleName().contains("Timeout")) {
                return TIMEOUT;
            }
            if (cause instanceof UnknownHostException) {
                return DNS;
            }
            if (cause instanceof NoRouteToHostException) {
                return UNREACHABLE;
            }
            if (cause instanceof ConnectException) {
                return REFUSED;
            }
            if (cause instanceof SSLException) {
                return TLS;
            }
            if (cause == cause.getCause()) {
                break;
            }
        }
        return IO;
    }
}
