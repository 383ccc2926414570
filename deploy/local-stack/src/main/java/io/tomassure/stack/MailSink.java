package io.tomassure.stack;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * An SMTP server that keeps every email notification-service sends: in memory (for the end-to-end tests) and as
 * {@code mail/NNNN.eml} files in the data folder (for people trying the stack).
 */
public final class MailSink implements Component {
    private final StackConfig config;
    private GreenMail smtp;
    private Thread saver;

    MailSink(StackConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "smtp";
    }

    @Override
    public void start() {
        smtp = new GreenMail(new ServerSetup(config.smtpPort(), "localhost", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        GreenMail server = smtp;
        saver = new Thread(() -> saveAsTheyCome(server), "mail-saver");
        saver.setDaemon(true);
        saver.start();
    }

    @Override
    public boolean isReady() {
        return smtp != null && smtp.isRunning();
    }

    /** Every message received since the stack started. */
    public List<MimeMessage> received() {
        return List.of(smtp.getReceivedMessages());
    }

    @Override
    public void close() {
        if (saver != null) {
            saver.interrupt();
        }
        if (smtp != null) {
            smtp.stop();
            smtp = null;
        }
    }

    @Override
    public Path log() {
        return config.data().resolve("mail");
    }

    /** Numbers on from the files already there, so that a restart overwrites nothing. */
    private void saveAsTheyCome(GreenMail server) {
        try {
            Path dir = Files.createDirectories(log());
            int offset;
            try (var existing = Files.list(dir)) {
                offset = (int) existing.count();
            }
            int done = 0;
            while (!Thread.currentThread().isInterrupted()) {
                MimeMessage[] messages = server.getReceivedMessages();
                for (; done < messages.length; done++) {
                    try (OutputStream out = Files.newOutputStream(dir.resolve("%05d.eml".formatted(offset + done + 1)))) {
                        messages[done].writeTo(out);
                    }
                }
                Thread.sleep(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | MessagingException e) {
            throw new UncheckedIOException(new IOException("could not save mail", e));
        }
    }
}
