package dev.boardup.toolchain.ld;

import java.util.List;

/** Link failure: one or more messages shaped like GNU ld's (without its "ld: " prefix). */
public final class LinkError extends Exception {
    private final List<String> messages;

    public LinkError(List<String> messages) {
        super(String.join("\n", messages));
        this.messages = List.copyOf(messages);
    }

    public LinkError(String message) {
        this(List.of(message));
    }

    public List<String> messages() {
        return messages;
    }
}
