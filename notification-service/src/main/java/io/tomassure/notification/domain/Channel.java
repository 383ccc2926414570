package io.tomassure.notification.domain;

import java.util.EnumSet;
import java.util.Set;

/** How a notice reaches an organisation. */
public enum Channel {
    EMAIL, WEBHOOK, INBOX;

    /** The channels a notice goes by: all of them, less the muted ones unless the notice is mandatory. */
    public static Set<Channel> forNotice(boolean mandatory, Set<Channel> muted) {
        Set<Channel> channels = EnumSet.allOf(Channel.class);
        if (!mandatory) {
            channels.removeAll(muted);
        }
        return channels;
    }
}
