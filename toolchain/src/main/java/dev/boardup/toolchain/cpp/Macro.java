package dev.boardup.toolchain.cpp;

import java.util.List;

/** A macro definition: object-like or function-like, with its replacement list. */
final class Macro {
    final String name;
    final boolean functionLike;
    final List<String> params;   // for a variadic macro the last one is its variable-argument name
    final boolean variadic;
    final List<Token> body;
    final boolean builtin;       // __FILE__, __LINE__ and friends: computed where used

    Macro(String name, boolean functionLike, List<String> params, boolean variadic, List<Token> body, boolean builtin) {
        this.name = name;
        this.functionLike = functionLike;
        this.params = params;
        this.variadic = variadic;
        this.body = body;
        this.builtin = builtin;
    }

    int paramIndex(String ident) {
        return params.indexOf(ident);
    }

    /** C11 6.10.3p2: a redefinition must have the same parameters and the same replacement list spelling. */
    boolean sameAs(Macro other) {
        if (functionLike != other.functionLike || variadic != other.variadic || !params.equals(other.params)) return false;
        if (body.size() != other.body.size()) return false;
        for (int i = 0; i < body.size(); i++) {
            Token a = body.get(i), b = other.body.get(i);
            if (!a.text.equals(b.text) || (i > 0 && a.hasSpace != b.hasSpace)) return false;
        }
        return true;
    }
}
