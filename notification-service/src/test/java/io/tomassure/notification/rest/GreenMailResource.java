package io.tomassure.notification.rest;

import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** A real SMTP server for the test JVM: mail the service sends arrives in GreenMail's mailboxes. */
public class GreenMailResource implements QuarkusTestResourceLifecycleManager {

    static GreenMail smtp;

    @Override
    public synchronized Map<String, String> start() {
        if (smtp == null) {
            smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
            smtp.start();
        }
        return Map.of("quarkus.mailer.host", "127.0.0.1", "quarkus.mailer.port",
                Integer.toString(smtp.getSmtp().getPort()));
    }

    @Override
    public void stop() {
        // kept for the JVM's life, like the other test servers
    }
}
