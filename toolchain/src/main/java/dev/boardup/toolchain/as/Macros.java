package dev.boardup.toolchain.as;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Line-level repetition and macros, as hand-written assembly uses them: {@code .rept n}, {@code .irp sym, values},
 * {@code .irpc sym, chars} (each to {@code .endr}) and {@code .macro name params} ... {@code .endm}. Expanded lines
 * keep the line number of the directive or invocation they came from.
 */
final class Macros {
    /** One source line and the line number diagnostics should name. */
    record Line(String text, int number) {}

    private record Macro(String name, List<String> params, List<String> defaults, List<String> body) {}

    private final Diagnostics diag;
    private final Map<String, Macro> macros = new HashMap<>();
    private int expansions;
    private int depth;
    /** Lines produced by all expansions so far; a bound keeps nested .rept from running away. */
    private long produced;
    private static final long MAX_PRODUCED = 2_000_000;

    Macros(Diagnostics diag) {
        this.diag = diag;
    }

    /** The directive word a line starts with, lower-cased, or "". */
    static String firstWord(String line) {
        String t = line.strip();
        int end = 0;
        while (end < t.length() && !Character.isWhitespace(t.charAt(end)) && t.charAt(end) != ',') end++;
        return t.substring(0, end).toLowerCase();
    }

    static boolean opensBlock(String word) {
        return word.equals(".rept") || word.equals(".irp") || word.equals(".irpc") || word.equals(".macro");
    }

    /** Collects the body of the block opened at {@code lines[start]}; returns the index of its closing line. */
    int collect(List<Line> lines, int start, List<String> body) {
        int nesting = 0;
        for (int i = start + 1; i < lines.size(); i++) {
            String w = firstWord(lines.get(i).text());
            if (opensBlock(w)) nesting++;
            if (w.equals(".endr") || w.equals(".endm")) {
                if (nesting == 0) return i;
                nesting--;
            }
            body.add(lines.get(i).text());
        }
        throw diag.errorAt(lines.get(start).number(), "missing " + (firstWord(lines.get(start).text())
                .equals(".macro") ? ".endm" : ".endr"));
    }

    boolean isMacro(String name) {
        return macros.containsKey(name.toLowerCase());
    }

    void define(String header, List<String> body) {
        String rest = header.strip().substring(".macro".length()).strip();
        String[] parts = rest.split("[\\s,]+");
        if (rest.isEmpty() || !Lexer.isNameStart(parts[0].charAt(0))) throw diag.error("expected macro name");
        List<String> params = new ArrayList<>();
        List<String> defaults = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i];
            if (p.isEmpty()) continue;
            int eq = p.indexOf('=');
            String param = eq < 0 ? p : p.substring(0, eq);
            if (param.endsWith(":req")) param = param.substring(0, param.length() - 4);
            params.add(param);
            defaults.add(eq < 0 ? "" : p.substring(eq + 1));
        }
        macros.put(parts[0].toLowerCase(), new Macro(parts[0], params, defaults, body));
    }

    /** The lines of {@code .rept n}. */
    List<String> repeat(long count, List<String> body) {
        if (count < 0 || count * body.size() > 1_000_000) throw diag.error("bad .rept count " + count);
        List<String> out = new ArrayList<>();
        for (long i = 0; i < count; i++) out.addAll(body);
        return out;
    }

    /** The lines of {@code .irp sym, a, b, ...} or, with {@code characters}, {@code .irpc sym, abc}. */
    List<String> irp(String header, List<String> body, boolean characters) {
        String rest = header.strip().substring(characters ? 5 : 4).strip();
        int comma = rest.indexOf(',');
        String symbol = (comma < 0 ? rest : rest.substring(0, comma)).strip();
        String values = comma < 0 ? "" : rest.substring(comma + 1).strip();
        if (symbol.isEmpty()) throw diag.error("missing model parameter");
        List<String> items = new ArrayList<>();
        if (characters) {
            for (char c : values.toCharArray()) items.add(String.valueOf(c));
        } else {
            for (String v : values.split(",")) items.add(v.strip());
        }
        List<String> out = new ArrayList<>();
        for (String item : items) {
            for (String line : body) out.add(substitute(line, List.of(symbol), List.of(item)));
        }
        return out;
    }

    /** Expands a macro invocation whose arguments are {@code argumentText}. */
    List<String> expand(String name, String argumentText) {
        Macro m = macros.get(name.toLowerCase());
        List<String> args = splitArguments(argumentText);
        if (args.size() > m.params().size()) throw diag.error("too many positional arguments for macro " + m.name());
        List<String> values = new ArrayList<>();
        for (int i = 0; i < m.params().size(); i++) {
            values.add(i < args.size() && !args.get(i).isEmpty() ? args.get(i) : m.defaults().get(i));
        }
        int counter = expansions++;
        List<String> out = new ArrayList<>();
        for (String line : m.body()) {
            if (firstWord(line).equals(".exitm")) break;
            out.add(substitute(line, m.params(), values).replace("\\@", Integer.toString(counter)));
        }
        return out;
    }

    private static List<String> splitArguments(String text) {
        List<String> args = new ArrayList<>();
        if (text.isBlank()) return args;
        StringBuilder current = new StringBuilder();
        int parens = 0;
        boolean inString = false;
        for (char c : text.toCharArray()) {
            if (c == '"') inString = !inString;
            if (!inString && c == '(') parens++;
            if (!inString && c == ')') parens--;
            if (!inString && parens == 0 && c == ',') {
                args.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        args.add(current.toString().strip());
        // A quoted argument stands for its contents, so it can hold commas and spaces.
        args.replaceAll(a -> a.length() >= 2 && a.startsWith("\"") && a.endsWith("\"") ? a.substring(1, a.length() - 1) : a);
        return args;
    }

    /** Replaces {@code \param} (longest names first) and removes the {@code \()} separator. */
    private static String substitute(String line, List<String> params, List<String> values) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (line.startsWith("\\()", i)) {
                i += 2;
                continue;
            }
            int best = -1;
            for (int p = 0; p < params.size(); p++) {
                String name = params.get(p);
                if (line.startsWith(name, i + 1) && (best < 0 || name.length() > params.get(best).length())) best = p;
            }
            if (best < 0) {
                out.append(c);
            } else {
                out.append(values.get(best));
                i += params.get(best).length();
            }
        }
        return out.toString();
    }

    void enter(int lines) {
        if (++depth > 100) throw diag.error("macros nested too deeply");
        produced += lines;
        if (produced > MAX_PRODUCED) throw diag.error("macro and .rept expansion exceeds " + MAX_PRODUCED + " lines");
    }

    void leave() {
        depth--;
    }
}
