package io.tierline.notification.domain;

/** Channels a person can be reached on. Slack-format webhooks, email and SMS come next. */
public enum ContactMethodType {
    WEBHOOK
}
