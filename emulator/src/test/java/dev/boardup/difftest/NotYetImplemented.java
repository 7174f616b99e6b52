package dev.boardup.difftest;

import java.util.Set;

/**
 * Forms branch cpu does not implement yet, left out of the differential run so that the rest stays green.
 * Everything NOT listed here must match the native CPU exactly; an InvalidOpcode for an unlisted form fails.
 * Entries are mnemonics (the first word of a group name: "pdep") or whole group names ("mov r64,m64 (#GP ...)").
 */
final class NotYetImplemented {
    static final Set<String> FORMS = Set.of();

    private NotYetImplemented() {
    }

    static boolean excluded(Form form) {
        return FORMS.contains(form.group) || FORMS.contains(form.mnemonic());
    }
}
