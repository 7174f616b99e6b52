package dev.boardup.toolchain.cpp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The C11 preprocessor (translation phases 1-4), text in and text out like {@code gcc -E}: directives are
 * executed, macros expanded with Prosser's hide-set algorithm, and the result written with {@code # N "file"}
 * line markers so the compiler can report positions in the original files.
 */
public final class Preprocessor {
    private static final int MAX_INCLUDE_DEPTH = 200;

    /** The macros gcc predefines on x86-64 Linux that headers test, minus the ones claiming to be GCC. */
    private static final String PREDEFINED = """
            #define __STDC__ 1
            #define __STDC_HOSTED__ 1
            #define __STDC_UTF_16__ 1
            #define __STDC_UTF_32__ 1
            #define __boardup__ 1
            #define __x86_64__ 1
            #define __x86_64 1
            #define __amd64__ 1
            #define __amd64 1
            #define __linux__ 1
            #define __linux 1
            #define __gnu_linux__ 1
            #define __unix__ 1
            #define __unix 1
            #define __ELF__ 1
            #define __LP64__ 1
            #define _LP64 1
            #define __CHAR_BIT__ 8
            #define __SIZEOF_SHORT__ 2
            #define __SIZEOF_INT__ 4
            #define __SIZEOF_LONG__ 8
            #define __SIZEOF_LONG_LONG__ 8
            #define __SIZEOF_POINTER__ 8
            #define __SIZEOF_FLOAT__ 4
            #define __SIZEOF_DOUBLE__ 8
            #define __SIZEOF_LONG_DOUBLE__ 16
            #define __SIZEOF_SIZE_T__ 8
            #define __SIZEOF_WCHAR_T__ 4
            #define __SIZEOF_WINT_T__ 4
            #define __SIZEOF_PTRDIFF_T__ 8
            #define __BIGGEST_ALIGNMENT__ 16
            #define __SIZE_TYPE__ long unsigned int
            #define __PTRDIFF_TYPE__ long int
            #define __WCHAR_TYPE__ int
            #define __WINT_TYPE__ unsigned int
            #define __INTMAX_TYPE__ long int
            #define __UINTMAX_TYPE__ long unsigned int
            #define __CHAR16_TYPE__ short unsigned int
            #define __CHAR32_TYPE__ unsigned int
            #define __INT8_TYPE__ signed char
            #define __INT16_TYPE__ short int
            #define __INT32_TYPE__ int
            #define __INT64_TYPE__ long int
            #define __UINT8_TYPE__ unsigned char
            #define __UINT16_TYPE__ short unsigned int
            #define __UINT32_TYPE__ unsigned int
            #define __UINT64_TYPE__ long unsigned int
            #define __INTPTR_TYPE__ long int
            #define __UINTPTR_TYPE__ long unsigned int
            #define __SCHAR_MAX__ 0x7f
            #define __SHRT_MAX__ 0x7fff
            #define __INT_MAX__ 0x7fffffff
            #define __LONG_MAX__ 0x7fffffffffffffffL
            #define __LONG_LONG_MAX__ 0x7fffffffffffffffLL
            #define __WCHAR_MAX__ 0x7fffffff
            #define __WCHAR_MIN__ (-__WCHAR_MAX__ - 1)
            #define __WINT_MAX__ 0xffffffffU
            #define __WINT_MIN__ 0U
            #define __INTMAX_MAX__ 0x7fffffffffffffffL
            #define __UINTMAX_MAX__ 0xffffffffffffffffUL
            #define __SIZE_MAX__ 0xffffffffffffffffUL
            #define __PTRDIFF_MAX__ 0x7fffffffffffffffL
            #define __INTPTR_MAX__ 0x7fffffffffffffffL
            #define __UINTPTR_MAX__ 0xffffffffffffffffUL
            #define __INT8_MAX__ 0x7f
            #define __INT16_MAX__ 0x7fff
            #define __INT32_MAX__ 0x7fffffff
            #define __INT64_MAX__ 0x7fffffffffffffffL
            #define __UINT8_MAX__ 0xff
            #define __UINT16_MAX__ 0xffff
            #define __UINT32_MAX__ 0xffffffffU
            #define __UINT64_MAX__ 0xffffffffffffffffUL
            #define __ORDER_LITTLE_ENDIAN__ 1234
            #define __ORDER_BIG_ENDIAN__ 4321
            #define __ORDER_PDP_ENDIAN__ 3412
            #define __BYTE_ORDER__ __ORDER_LITTLE_ENDIAN__
            #define __FLOAT_WORD_ORDER__ __ORDER_LITTLE_ENDIAN__
            #define __FLT_EVAL_METHOD__ 0
            #define __USER_LABEL_PREFIX__
            #define __REGISTER_PREFIX__
            #define __MMX__ 1
            #define __SSE__ 1
            #define __SSE2__ 1
            #define __SSE_MATH__ 1
            #define __SSE2_MATH__ 1
            #define __FXSR__ 1
            """;

    /** The variable argument of a variadic macro invoked without one (not even an empty one). */
    private static final List<Token> ABSENT = List.of();

    private static final Set<String> BUILTINS = Set.of("__FILE__", "__LINE__", "__COUNTER__", "__DATE__",
            "__TIME__", "__INCLUDE_LEVEL__", "__BASE_FILE__", "__has_include", "__has_include_next");

    /** One open #if group: which branch we are in, and whether a branch was taken already. */
    private static final class Conditional {
        final Token directive;
        boolean inElse;
        boolean taken;

        Conditional(Token directive, boolean taken) {
            this.directive = directive;
            this.taken = taken;
        }
    }

    /** A directory searched for #include, and whether headers found there are system headers. */
    private record SearchDir(Path dir, boolean system) {}

    private final List<SearchDir> searchDirs = new ArrayList<>();
    private final List<Path> userDirs = new ArrayList<>();
    private final List<Path> systemDirs = new ArrayList<>();
    private final StringBuilder commandLine = new StringBuilder();
    private Consumer<String> warnings = System.err::println;
    private boolean lineMarkers = true;
    private String stdcVersion = "201112L";
    private boolean assembler;
    private final List<Path> preIncludes = new ArrayList<>();

    private Map<String, Macro> macros;
    private Deque<Conditional> conditionals;
    private Set<Path> onceFiles;
    private final Map<Path, String> includeGuards = new HashMap<>();
    private final Map<Path, SourceFile> filesRead = new java.util.LinkedHashMap<>();
    private int counter;
    private String baseFile;
    private LocalDateTime startTime;

    /** Adds a {@code -I} directory (searched for both {@code "..."} and {@code <...>}). */
    public Preprocessor includePath(Path dir) {
        userDirs.add(dir);
        return this;
    }

    /** Adds a system include directory, searched after every {@code -I} one. */
    public Preprocessor systemIncludePath(Path dir) {
        systemDirs.add(dir);
        return this;
    }

    /** {@code -D NAME}, {@code -D NAME=VALUE} or {@code -D 'F(x)=VALUE'}, applied in order with {@link #undefine}. */
    public Preprocessor define(String definition) {
        int eq = definition.indexOf('=');
        String name = eq < 0 ? definition : definition.substring(0, eq);
        String value = eq < 0 ? "1" : definition.substring(eq + 1);
        commandLine.append("#define ").append(name).append(' ').append(value.replace('\n', ' ')).append('\n');
        return this;
    }

    /** {@code -U NAME}. */
    public Preprocessor undefine(String name) {
        commandLine.append("#undef ").append(name).append('\n');
        return this;
    }

    /** {@code -include FILE}: read as if by {@code #include "FILE"} before the first line of the main file. */
    public Preprocessor preInclude(Path file) {
        preIncludes.add(file);
        return this;
    }

    /** The value of __STDC_VERSION__ (201112L by default; null leaves it undefined, as C90 does). */
    public Preprocessor stdcVersion(String version) {
        this.stdcVersion = version;
        return this;
    }

    /**
     * Assembler-with-cpp mode (for .S files), like gcc's: a '#' line that is not a directive is an assembler
     * comment and passes through untouched, and a lone quote (an apostrophe in a comment) is not an error.
     */
    public Preprocessor assembler(boolean on) {
        this.assembler = on;
        return this;
    }

    /** Where warnings ({@code #warning}, macro redefinitions) go, one gcc-shaped line each. */
    public Preprocessor warnings(Consumer<String> sink) {
        this.warnings = sink;
        return this;
    }

    /** With false, no {@code # N "file"} markers are written (like {@code gcc -E -P}). */
    public Preprocessor lineMarkers(boolean on) {
        this.lineMarkers = on;
        return this;
    }

    /**
     * The headers the last run read, in first-read order, as named in line markers (for {@code -M}); system
     * headers only when asked for.
     */
    public List<String> headersRead(boolean withSystemHeaders) {
        List<String> names = new ArrayList<>();
        for (SourceFile f : filesRead.values()) if (withSystemHeaders || !f.system) names.add(f.name);
        return names;
    }

    /** Preprocesses a file read from disk. */
    public String preprocessFile(Path file) throws PreprocessError, IOException {
        return preprocess(readSource(file), file.toString());
    }

    /** Preprocesses {@code source}, naming it {@code fileName} (whose directory is searched for quoted includes). */
    public String preprocess(String source, String fileName) throws PreprocessError {
        macros = new HashMap<>();
        conditionals = new ArrayDeque<>();
        onceFiles = new HashSet<>();
        includeGuards.clear();
        filesRead.clear();
        counter = 0;
        baseFile = fileName;
        startTime = LocalDateTime.now();
        searchDirs.clear();
        userDirs.forEach(d -> searchDirs.add(new SearchDir(d, false)));
        systemDirs.forEach(d -> searchDirs.add(new SearchDir(d, true)));
        for (String name : BUILTINS) macros.put(name, new Macro(name, false, List.of(), false, List.of(), true));

        String version = stdcVersion == null ? "" : "#define __STDC_VERSION__ " + stdcVersion + "\n";
        runDirectivesOnly(new SourceFile("<built-in>", null, PREDEFINED + version, null, true));
        runDirectivesOnly(new SourceFile("<command-line>", null, commandLine.toString(), null, false));

        SourceFile main = new SourceFile(fileName, Path.of(fileName), source, null, false);
        List<Token> out = new ArrayList<>();
        Token first = Lexer.tokenize(main);
        for (int i = preIncludes.size() - 1; i >= 0; i--) first = preInclude(preIncludes.get(i), main, first);
        process(first, out, true);
        if (!conditionals.isEmpty()) {
            Token d = conditionals.peek().directive;
            throw unterminated(d);
        }
        return new Emitter(lineMarkers, assembler).emit(out, main);
    }

    private Token preInclude(Path path, SourceFile main, Token rest) throws PreprocessError {
        SourceFile file;
        try {
            file = new SourceFile(path.toString(), path, readSource(path), main, false);
        } catch (IOException e) {
            throw new PreprocessError("<command-line>: fatal error: " + path + ": No such file or directory");
        }
        return spliceFile(file, rest);
    }

    /** An included file's tokens put in front of rest; its EOF becomes a FILE_END that checks its #if groups. */
    private Token spliceFile(SourceFile file, Token rest) throws PreprocessError {
        Token first = Lexer.tokenize(file);
        Token end = first;
        while (end.kind != Token.Kind.EOF) end = end.next;
        end.kind = Token.Kind.FILE_END;
        end.conditionalDepth = conditionals.size();
        end.next = rest;
        return first;
    }

    private void runDirectivesOnly(SourceFile file) throws PreprocessError {
        List<Token> out = new ArrayList<>();
        process(Lexer.tokenize(file), out, true);
        if (!out.isEmpty()) throw error(out.get(0), "stray tokens in " + file.name);
    }

    // ---- the main loop -------------------------------------------------------------------------------------

    /** Expands macros and (when allowed) runs directives over a token list, appending what remains to out. */
    private void process(Token tok, List<Token> out, boolean directives) throws PreprocessError {
        while (tok.kind != Token.Kind.EOF) {
            if (tok.kind == Token.Kind.FILE_END) {
                if (conditionals.size() > tok.conditionalDepth) {
                    Token d = conditionals.peek().directive;
                    throw unterminated(d);
                }
                tok = tok.next;
                continue;
            }
            Token expanded = expandMacro(tok, directives ? out : null);
            if (expanded != null) {
                tok = expanded;
                continue;
            }
            if (directives && tok.atBol && tok.is("#")) {
                tok = directive(tok, out);
                continue;
            }
            out.add(tok);
            tok = tok.next;
        }
    }

    private Token directive(Token hash, List<Token> out) throws PreprocessError {
        Token name = hash.next;
        if (name.atBol) return name;   // the null directive
        if (name.kind == Token.Kind.NUMBER) return lineDirective(hash, name, false);
        if (name.kind != Token.Kind.IDENT) {
            if (assembler) return passThrough(hash, out);
            throw error(name, "invalid preprocessing directive");
        }
        return switch (name.text) {
            case "define" -> defineDirective(name);
            case "undef" -> undefDirective(name);
            case "include" -> includeDirective(hash, name, false);
            case "include_next" -> includeDirective(hash, name, true);
            case "if" -> ifDirective(name, evaluateCondition(name));
            case "ifdef", "ifndef" -> ifDirective(name, ifdefCondition(name));
            case "elif" -> elifDirective(name);
            case "elifdef", "elifndef" -> elifDirective(name);
            case "else" -> elseDirective(name);
            case "endif" -> endifDirective(name);
            case "line" -> lineDirective(hash, name.next, true);
            case "error" -> throw new PreprocessError(name.where() + ": error: #error" + restOfLine(name.next));
            case "warning" -> {
                warnings.accept(name.where() + ": warning: #warning" + restOfLine(name.next) + " [-Wcpp]");
                yield lineEnd(name.next);
            }
            case "pragma" -> pragmaDirective(hash, name, out);
            case "ident", "sccs" -> lineEnd(name.next);
            default -> {
                if (assembler) yield passThrough(hash, out);
                throw error(name, "invalid preprocessing directive #" + name.text);
            }
        };
    }

    /** An assembler comment line starting with '#': copied to the output as it is, without macro expansion. */
    private static Token passThrough(Token hash, List<Token> out) {
        Token tok = hash;
        do {
            out.add(tok);
            tok = tok.next;
        } while (!tok.atBol);
        return tok;
    }

    /** The first token of the next line. */
    private static Token lineEnd(Token tok) {
        while (!tok.atBol) tok = tok.next;
        return tok;
    }

    /** Checks nothing follows a directive's operands (gcc warns), returning the next line's first token. */
    private Token endOfDirective(Token tok, String directive) {
        if (!tok.atBol) warnings.accept(tok.where() + ": warning: extra tokens at end of #" + directive + " directive");
        return lineEnd(tok);
    }

    /** The rest of a line as written, for #error and #warning. */
    private static String restOfLine(Token tok) {
        StringBuilder sb = new StringBuilder();
        for (; !tok.atBol; tok = tok.next) sb.append(sb.isEmpty() || tok.hasSpace ? " " : "").append(tok.text);
        return sb.toString();
    }

    /** Copies the tokens up to the end of the line into a fresh list ending in EOF. */
    private static Token copyLine(Token tok) {
        Token head = new Token(Token.Kind.EOF, "", tok.file, tok.line, tok.col);
        Token cur = head;
        for (; !tok.atBol; tok = tok.next) {
            cur.next = tok.copy();
            cur = cur.next;
        }
        Token eof = new Token(Token.Kind.EOF, "", tok.file, tok.line, tok.col);
        eof.atBol = true;
        cur.next = eof;
        return head.next;
    }

    private static Token listOf(List<Token> tokens, Token eofAt) {
        Token eof = new Token(Token.Kind.EOF, "", eofAt.file, eofAt.line, eofAt.col);
        eof.atBol = true;
        Token next = eof;
        for (int i = tokens.size() - 1; i >= 0; i--) {
            Token t = tokens.get(i).copy();
            t.next = next;
            next = t;
        }
        return next;
    }

    // ---- #define / #undef ----------------------------------------------------------------------------------

    private Token defineDirective(Token directive) throws PreprocessError {
        Token name = checkMacroName(directive);
        Token tok = name.next;
        List<String> params = new ArrayList<>();
        boolean functionLike = !tok.atBol && tok.is("(") && !tok.hasSpace;
        boolean variadic = false;
        if (functionLike) {
            tok = tok.next;
            if (!tok.atBol && tok.is(")")) {
                tok = tok.next;
            } else {
                Token previous = tok;
                while (true) {
                    if (tok.atBol) throw errorAfter(previous, "expected ')' before end of line");
                    if (tok.is("...")) {
                        variadic = true;
                        params.add("__VA_ARGS__");
                        tok = tok.next;
                    } else if (tok.kind == Token.Kind.IDENT) {
                        if (params.contains(tok.text)) throw error(tok, "duplicate macro parameter \"" + tok.text + "\"");
                        params.add(tok.text);
                        tok = tok.next;
                        if (!tok.atBol && tok.is("...")) {
                            variadic = true;
                            tok = tok.next;
                        }
                    } else {
                        throw error(tok, "expected parameter name, found \"" + tok.text + "\"");
                    }
                    if (!tok.atBol && tok.is(")")) {
                        tok = tok.next;
                        break;
                    }
                    if (tok.atBol) throw errorAfter(previous(tok, name), "expected ')' before end of line");
                    if (variadic || !tok.is(",")) throw error(tok, "expected ')' in macro parameter list");
                    previous = tok;
                    tok = tok.next;
                }
            }
        }
        List<Token> body = new ArrayList<>();
        for (; !tok.atBol; tok = tok.next) body.add(tok.copy());
        if (!body.isEmpty()) body.get(0).hasSpace = false;
        Macro macro = new Macro(name.text, functionLike, params, variadic, body, false);
        checkBody(macro);
        Macro old = macros.get(name.text);
        if (old != null && (old.builtin || !old.sameAs(macro))) {
            warnings.accept(name.where() + ": warning: \"" + name.text + "\" redefined");
        }
        macros.put(name.text, macro);
        return tok;
    }

    /** The token before tok, searching forward from a token known to come before it. */
    private static Token previous(Token tok, Token from) {
        while (from.next != tok) from = from.next;
        return from;
    }

    /** The macro name after #define, #undef, #ifdef or #ifndef, checked. */
    private Token checkMacroName(Token directive) throws PreprocessError {
        Token name = directive.next;
        if (name.atBol) throw errorAfter(directive, "no macro name given in #" + directive.text + " directive");
        if (name.kind != Token.Kind.IDENT) throw error(name, "macro names must be identifiers");
        if (name.text.equals("defined")) throw error(name, "\"defined\" cannot be used as a macro name");
        return name;
    }

    private void checkBody(Macro m) throws PreprocessError {
        List<Token> body = m.body;
        if (body.isEmpty()) return;
        if (isPasteOperator(body.get(0))) throw error(body.get(0), "'##' cannot appear at either end of a macro expansion");
        if (isPasteOperator(body.get(body.size() - 1))) {
            throw error(body.get(body.size() - 1), "'##' cannot appear at either end of a macro expansion");
        }
        if (!m.functionLike) return;
        for (int i = 0; i < body.size(); i++) {
            if (!body.get(i).is("#")) continue;
            Token operand = i + 1 < body.size() ? body.get(i + 1) : null;
            boolean ok = operand != null && operand.kind == Token.Kind.IDENT
                    && (m.paramIndex(operand.text) >= 0 || (m.variadic && operand.text.equals("__VA_OPT__")));
            if (!ok) throw error(body.get(i), "'#' is not followed by a macro parameter");
        }
    }

    private static boolean isPasteOperator(Token t) {
        return t.kind == Token.Kind.PUNCT && t.punct().equals("##");
    }

    private Token undefDirective(Token directive) throws PreprocessError {
        Token name = checkMacroName(directive);
        macros.remove(name.text);
        return endOfDirective(name.next, "undef");
    }

    // ---- macro expansion -----------------------------------------------------------------------------------

    /**
     * If tok names a macro that may expand here, returns the token list with the expansion in place; else null.
     * With a directive output list, directives met among the arguments are run, as gcc does.
     */
    private Token expandMacro(Token tok, List<Token> directiveOut) throws PreprocessError {
        if (tok.kind != Token.Kind.IDENT || tok.hideset.contains(tok.text)) return null;
        if (tok.text.equals("_Pragma") && tok.next.is("(")) return pragmaOperator(tok);
        Macro m = macros.get(tok.text);
        if (m == null) return null;
        if (m.builtin) {
            Token value = builtinValue(m, tok);
            value.next = tok.next;
            return value;
        }
        if (!m.functionLike) {
            Set<String> hs = union(tok.hideset, Set.of(m.name));
            return splice(substitute(m, m.body, List.of(), expansionCache(0), tok), hs, tok, tok.next);
        }
        if (!tok.next.is("(")) return null;
        List<List<Token>> args = new ArrayList<>();
        Token rparen = readArguments(m, tok, args, directiveOut);
        Set<String> hs = union(intersection(tok.hideset, rparen.hideset), Set.of(m.name));
        return splice(substitute(m, m.body, args, expansionCache(args.size()), tok), hs, tok, rparen.next);
    }

    /** Puts an expansion in front of rest: every token gets the hide set and the macro name's position. */
    private static Token splice(List<Token> expansion, Set<String> hs, Token at, Token rest) {
        if (expansion.isEmpty()) {
            if (rest.kind == Token.Kind.EOF || rest.atBol || (rest.hasSpace || !at.hasSpace) && !at.startsLine) return rest;
            Token spaced = rest.copy();
            spaced.next = rest.next;
            spaced.hasSpace |= at.hasSpace;
            spaced.startsLine |= at.startsLine;
            return spaced;
        }
        for (int i = 0; i < expansion.size(); i++) {
            Token t = expansion.get(i);
            t.hideset = union(t.hideset, hs);
            t.file = at.file;
            t.fileName = at.fileName;
            t.line = at.line;
            t.col = at.col;
            t.atBol = false;
            t.startsLine = false;
            t.next = i + 1 < expansion.size() ? expansion.get(i + 1) : rest;
        }
        expansion.get(0).hasSpace = at.hasSpace;
        expansion.get(0).startsLine = at.startsLine;
        return expansion.get(0);
    }

    private Token readArguments(Macro m, Token name, List<List<Token>> args, List<Token> directiveOut)
            throws PreprocessError {
        Token tok = name.next.next;
        Token last = name.next;
        List<Token> current = new ArrayList<>();
        int depth = 0;
        while (true) {
            if (tok.kind == Token.Kind.EOF || tok.kind == Token.Kind.FILE_END) {
                throw errorAfter(last, "unterminated argument list invoking macro \"" + m.name + "\"");
            }
            last = tok;
            if (directiveOut != null && tok.atBol && tok.is("#")) {
                tok = directive(tok, directiveOut);
                continue;
            }
            if (depth == 0 && tok.is(")")) break;
            boolean inVariadic = m.variadic && args.size() == m.params.size() - 1;
            if (depth == 0 && tok.is(",") && !inVariadic) {
                args.add(current);
                current = new ArrayList<>();
            } else {
                if (tok.is("(")) depth++;
                if (tok.is(")")) depth--;
                current.add(tok);
            }
            tok = tok.next;
        }
        args.add(current);
        int want = m.params.size();
        if (want == 0 && args.size() == 1 && current.isEmpty()) args.clear();
        if (m.variadic && args.size() == want - 1) args.add(ABSENT);
        if (args.size() < want) {
            throw error(tok, "macro \"" + m.name + "\" requires " + want + " arguments, but only " + args.size() + " given");
        }
        if (args.size() > want) {
            throw error(tok, "macro \"" + m.name + "\" passed " + args.size() + " arguments, but takes just " + want);
        }
        return tok;
    }

    /** C11 6.10.3.1-3: replaces parameters, applies # and ##, and __VA_OPT__ (C23) in a replacement list. */
    private List<Token> substitute(Macro m, List<Token> body, List<List<Token>> args, List<List<Token>> expanded, Token at)
            throws PreprocessError {
        List<Token> res = new ArrayList<>();
        int n = body.size();
        int vaIndex = m.variadic ? m.params.size() - 1 : -1;
        for (int i = 0; i < n; i++) {
            Token t = body.get(i);
            boolean pasteBefore = i > 0 && isPasteOperator(body.get(i - 1));
            boolean pasteAfter = i + 1 < n && isPasteOperator(body.get(i + 1));
            if (m.functionLike && t.is("#") && i + 1 < n) {
                Token operand = body.get(i + 1);
                if (operand.isIdent("__VA_OPT__") && m.variadic) {
                    int close = vaOptEnd(body, i + 1);
                    List<Token> inner = vaOptPresent(m, args, expanded, at)
                            ? substitute(m, body.subList(i + 3, close), args, expanded, at) : List.of();
                    res.add(stringize(inner, t));
                    i = close;
                } else {
                    res.add(stringize(args.get(m.paramIndex(operand.text)), t));
                    i++;
                }
                continue;
            }
            if (m.variadic && t.is(",") && pasteAfter && i + 2 < n && body.get(i + 2).isIdent(m.params.get(vaIndex))) {
                // GNU comma elision: ", ## __VA_ARGS__" drops the comma when the variable arguments are left out
                List<Token> va = args.get(vaIndex);
                if (va != ABSENT) {
                    res.add(t.copy());
                    for (Token a : va) res.add(a.copy());
                }
                i += 2;
                continue;
            }
            if (m.variadic && t.isIdent("__VA_OPT__")) {
                int close = vaOptEnd(body, i);
                List<Token> inner = vaOptPresent(m, args, expanded, at)
                        ? substitute(m, body.subList(i + 2, close), args, expanded, at) : List.of();
                if (inner.isEmpty()) {
                    res.add(placemarker(t));
                } else {
                    inner.get(0).hasSpace = t.hasSpace;
                    res.addAll(inner);
                }
                i = close;
                continue;
            }
            int param = m.functionLike && t.kind == Token.Kind.IDENT ? m.paramIndex(t.text) : -1;
            if (param >= 0) {
                List<Token> arg = pasteBefore || pasteAfter ? args.get(param) : expandedArgument(args, expanded, param);
                if (arg.isEmpty()) {
                    res.add(placemarker(t));
                } else {
                    for (int k = 0; k < arg.size(); k++) {
                        Token c = arg.get(k).copy();
                        if (k == 0) c.hasSpace = t.hasSpace;
                        res.add(c);
                    }
                }
                continue;
            }
            if (isPasteOperator(t)) {
                Token paste = t.copy();
                paste.kind = Token.Kind.PASTE;
                res.add(paste);
                continue;
            }
            res.add(t.copy());
        }
        return removePlacemarkers(pasteAll(res, at));
    }

    private int vaOptEnd(List<Token> body, int vaOpt) throws PreprocessError {
        if (vaOpt + 1 >= body.size() || !body.get(vaOpt + 1).is("(")) {
            throw error(body.get(vaOpt), "__VA_OPT__ must be followed by an open parenthesis");
        }
        int depth = 0;
        for (int i = vaOpt + 1; i < body.size(); i++) {
            if (body.get(i).is("(")) depth++;
            if (body.get(i).is(")") && --depth == 0) return i;
        }
        throw error(body.get(vaOpt), "unterminated __VA_OPT__");
    }

    private boolean vaOptPresent(Macro m, List<List<Token>> args, List<List<Token>> expanded, Token at)
            throws PreprocessError {
        return !expandedArgument(args, expanded, m.params.size() - 1).isEmpty();
    }

    /** One slot per argument for its expansion, filled when first needed. */
    private static List<List<Token>> expansionCache(int arguments) {
        return new ArrayList<>(java.util.Collections.nCopies(arguments, null));
    }

    /** An argument fully macro-expanded on its own (6.10.3.1), computed once per invocation. */
    private List<Token> expandedArgument(List<List<Token>> args, List<List<Token>> expanded, int index)
            throws PreprocessError {
        if (expanded.get(index) == null) {
            List<Token> arg = args.get(index);
            List<Token> out = new ArrayList<>();
            if (!arg.isEmpty()) process(listOf(arg, arg.get(arg.size() - 1)), out, false);
            expanded.set(index, out);
        }
        return expanded.get(index);
    }

    private static Token placemarker(Token at) {
        Token p = at.copy();
        p.kind = Token.Kind.PLACEMARKER;
        p.text = "";
        return p;
    }

    private List<Token> pasteAll(List<Token> res, Token at) throws PreprocessError {
        for (int k = 0; k < res.size(); k++) {
            if (res.get(k).kind != Token.Kind.PASTE) continue;
            Token pasted = paste(res.get(k - 1), res.get(k + 1), at);
            res.set(k - 1, pasted);
            res.remove(k);
            res.remove(k);
            k--;
        }
        return res;
    }

    private static List<Token> removePlacemarkers(List<Token> res) {
        res.removeIf(t -> t.kind == Token.Kind.PLACEMARKER);
        return res;
    }

    /** The ## operator: the two spellings joined must lex as exactly one token. */
    private Token paste(Token lhs, Token rhs, Token at) throws PreprocessError {
        if (lhs.kind == Token.Kind.PLACEMARKER) {
            Token r = rhs.copy();
            r.hasSpace = lhs.hasSpace;
            return r;
        }
        if (rhs.kind == Token.Kind.PLACEMARKER) return lhs;
        String joined = lhs.text + rhs.text;
        List<Token> toks = Lexer.tokenizeFragment(joined, lhs.file);
        if (toks.size() != 1 || toks.get(0).unterminated || toks.get(0).hasSpace) {
            throw error(lhs, "pasting \"" + lhs.text + "\" and \"" + rhs.text
                    + "\" does not give a valid preprocessing token");
        }
        Token t = lhs.copy();
        t.kind = toks.get(0).kind;
        t.text = joined;
        t.hideset = Set.of();
        return t;
    }

    /** The # operator: the argument's spelling as a string literal, quotes and backslashes escaped in literals. */
    private static Token stringize(List<Token> arg, Token at) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < arg.size(); i++) {
            Token t = arg.get(i);
            if (i > 0 && (t.hasSpace || t.atBol)) sb.append(' ');
            boolean literal = t.kind == Token.Kind.STRING || t.kind == Token.Kind.CHAR || t.unterminated;
            sb.append(literal ? t.text.replace("\\", "\\\\").replace("\"", "\\\"") : t.text);
        }
        Token s = at.copy();
        s.kind = Token.Kind.STRING;
        s.text = sb.append('"').toString();
        return s;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        if (a.isEmpty()) return b;
        if (b.isEmpty() || a.containsAll(b)) return a;
        Set<String> u = new HashSet<>(a);
        u.addAll(b);
        return Set.copyOf(u);
    }

    private static Set<String> intersection(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) return Set.of();
        Set<String> i = new HashSet<>(a);
        i.retainAll(b);
        return Set.copyOf(i);
    }

    private Token builtinValue(Macro m, Token tok) throws PreprocessError {
        Token t = tok.copy();
        t.hideset = Set.of();
        switch (m.name) {
            case "__FILE__" -> string(t, tok.fileName);
            case "__BASE_FILE__" -> string(t, baseFile);
            case "__LINE__" -> number(t, tok.line);
            case "__COUNTER__" -> number(t, counter++);
            case "__INCLUDE_LEVEL__" -> number(t, tok.file == null ? 0 : tok.file.depth());
            case "__DATE__" -> string(t, startTime.format(DateTimeFormatter.ofPattern("MMM ppd yyyy", Locale.US)));
            case "__TIME__" -> string(t, startTime.format(DateTimeFormatter.ofPattern("HH:mm:ss", Locale.US)));
            default -> throw error(tok, "\"" + m.name + "\" used outside of preprocessing directive");
        }
        return t;
    }

    private static void string(Token t, String value) {
        t.kind = Token.Kind.STRING;
        t.text = "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static void number(Token t, long value) {
        t.kind = Token.Kind.NUMBER;
        t.text = Long.toString(value);
    }

    // ---- #if and friends ----------------------------------------------------------------------------------

    private Token ifDirective(Token directive, boolean value) {
        conditionals.push(new Conditional(directive, value));
        Token next = lineEnd(directive.next);
        return value ? next : skipGroup(next);
    }

    private boolean ifdefCondition(Token directive) throws PreprocessError {
        Token name = checkMacroName(directive);
        endOfDirective(name.next, directive.text);
        boolean defined = macros.containsKey(name.text);
        return directive.text.endsWith("ndef") != defined;
    }

    private Token elifDirective(Token directive) throws PreprocessError {
        Conditional c = conditionals.peek();
        if (c == null) throw error(directive, "#" + directive.text + " without #if");
        if (c.inElse) throw error(directive, "#" + directive.text + " after #else");
        Token next = lineEnd(directive.next);
        if (c.taken) return skipGroup(next);
        boolean value = directive.text.equals("elif") ? evaluateCondition(directive) : ifdefCondition(directive);
        if (!value) return skipGroup(next);
        c.taken = true;
        return next;
    }

    private Token elseDirective(Token directive) throws PreprocessError {
        Conditional c = conditionals.peek();
        if (c == null) throw error(directive, "#else without #if");
        if (c.inElse) throw error(directive, "#else after #else");
        c.inElse = true;
        Token next = endOfDirective(directive.next, "else");
        if (c.taken) return skipGroup(next);
        c.taken = true;
        return next;
    }

    private Token endifDirective(Token directive) throws PreprocessError {
        if (conditionals.isEmpty()) throw error(directive, "#endif without #if");
        conditionals.pop();
        return endOfDirective(directive.next, "endif");
    }

    private static boolean isDirective(Token tok, String... names) {
        if (!tok.atBol || !tok.is("#") || tok.next.atBol || tok.next.kind != Token.Kind.IDENT) return false;
        for (String n : names) if (tok.next.text.equals(n)) return true;
        return false;
    }

    /** Skips a group whose condition is false, stopping at the '#' of its #elif, #else or #endif. */
    private static Token skipGroup(Token tok) {
        while (tok.kind != Token.Kind.EOF && tok.kind != Token.Kind.FILE_END) {
            if (isDirective(tok, "if", "ifdef", "ifndef")) {
                tok = skipNested(tok.next.next);
                continue;
            }
            if (isDirective(tok, "elif", "elifdef", "elifndef", "else", "endif")) return tok;
            tok = tok.next;
        }
        return tok;
    }

    private static Token skipNested(Token tok) {
        while (tok.kind != Token.Kind.EOF && tok.kind != Token.Kind.FILE_END) {
            if (isDirective(tok, "if", "ifdef", "ifndef")) {
                tok = skipNested(tok.next.next);
                continue;
            }
            if (isDirective(tok, "endif")) return tok.next.next;
            tok = tok.next;
        }
        return tok;
    }

    /** Evaluates the #if / #elif expression after the directive name. */
    private boolean evaluateCondition(Token directive) throws PreprocessError {
        List<Token> tokens = new ArrayList<>();
        Token tok = copyLine(directive.next);
        while (tok.kind != Token.Kind.EOF) {
            if (tok.isIdent("defined")) {
                tok = definedOperator(tok, tokens);
                continue;
            }
            if (tok.isIdent("__has_include") || tok.isIdent("__has_include_next")) {
                tok = hasIncludeOperator(tok, tokens);
                continue;
            }
            Token expanded = expandMacro(tok, null);
            if (expanded != null) {
                tok = expanded;
                continue;
            }
            tokens.add(tok);
            tok = tok.next;
        }
        return IfExpression.evaluate(tokens, directive);
    }

    private Token definedOperator(Token op, List<Token> tokens) throws PreprocessError {
        Token tok = op.next;
        boolean paren = tok.is("(");
        if (paren) tok = tok.next;
        if (tok.kind != Token.Kind.IDENT) {
            throw errorAfter(paren ? op.next : op, "operator \"defined\" requires an identifier");
        }
        Token result = op.copy();
        number(result, macros.containsKey(tok.text) ? 1 : 0);
        tokens.add(result);
        tok = tok.next;
        if (paren) {
            if (!tok.is(")")) throw errorAfter(previous(tok, op), "missing ')' after \"defined\"");
            tok = tok.next;
        }
        return tok;
    }

    private Token hasIncludeOperator(Token op, List<Token> tokens) throws PreprocessError {
        Token tok = op.next;
        if (!tok.is("(")) throw error(op, "missing '(' before \"" + op.text + "\" operand");
        tok = tok.next;
        String name;
        boolean angled;
        if (tok.kind == Token.Kind.STRING && tok.text.startsWith("\"")) {
            name = tok.text.substring(1, tok.text.length() - 1);
            angled = false;
            tok = tok.next;
        } else if (tok.is("<")) {
            StringBuilder sb = new StringBuilder();
            for (tok = tok.next; !tok.is(">"); tok = tok.next) {
                if (tok.kind == Token.Kind.EOF) throw error(op, "missing terminating > character");
                if (!sb.isEmpty() && tok.hasSpace) sb.append(' ');
                sb.append(tok.text);
            }
            name = sb.toString();
            angled = true;
            tok = tok.next;
        } else {
            throw error(op, "operator \"" + op.text + "\" requires a header-name");
        }
        if (!tok.is(")")) throw error(op, "missing ')' after \"" + op.text + "\" operand");
        boolean next = op.text.endsWith("_next");
        Token result = op.copy();
        number(result, findInclude(name, angled, op.file, next) != null ? 1 : 0);
        tokens.add(result);
        return tok.next;
    }

    // ---- #include -----------------------------------------------------------------------------------------

    /** Where an #include found its file, and which search directory (-1: the includer's own directory). */
    private record Found(Path path, String displayName, int searchIndex, boolean system) {}

    private Token includeDirective(Token hash, Token directive, boolean next) throws PreprocessError {
        Token tok = directive.next;
        String name;
        boolean angled;
        Token rest;
        if (!tok.atBol && tok.kind == Token.Kind.STRING && tok.text.startsWith("\"")) {
            name = tok.text.substring(1, tok.text.length() - 1);
            angled = false;
            rest = endOfDirective(tok.next, directive.text);
        } else if (!tok.atBol && tok.is("<")) {
            StringBuilder sb = new StringBuilder();
            for (tok = tok.next; !tok.is(">"); tok = tok.next) {
                if (tok.atBol) throw errorAfter(previous(tok, directive), "missing terminating > character");
                if (!sb.isEmpty() && tok.hasSpace) sb.append(' ');
                sb.append(tok.text);
            }
            name = sb.toString();
            angled = true;
            rest = endOfDirective(tok.next, directive.text);
        } else {
            List<Token> expanded = new ArrayList<>();
            if (!tok.atBol) process(copyLine(tok), expanded, false);
            rest = lineEnd(tok);
            if (!expanded.isEmpty() && expanded.get(0).kind == Token.Kind.STRING && expanded.get(0).text.startsWith("\"")) {
                String s = expanded.get(0).text;
                name = s.substring(1, s.length() - 1);
                angled = false;
            } else if (!expanded.isEmpty() && expanded.get(0).is("<") && expanded.get(expanded.size() - 1).is(">")) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i < expanded.size() - 1; i++) {
                    if (i > 1 && expanded.get(i).hasSpace) sb.append(' ');
                    sb.append(expanded.get(i).text);
                }
                name = sb.toString();
                angled = true;
            } else {
                String message = "#" + directive.text + " expects \"FILENAME\" or <FILENAME>";
                throw tok.atBol ? errorAfter(directive, message) : error(tok, message);
            }
        }
        if (name.isEmpty()) throw error(directive, "empty filename in #" + directive.text);
        Found found = findInclude(name, angled, hash.file, next);
        if (found == null) {
            throw new PreprocessError(directive.next.where() + ": fatal error: " + name + ": No such file or directory");
        }
        Path real = realPath(found.path);
        if (onceFiles.contains(real)) return rest;
        String guard = includeGuards.get(real);
        if (guard != null && macros.containsKey(guard)) return rest;   // all of it would be skipped
        SourceFile file;
        try {
            file = new SourceFile(found.displayName, found.path, readSource(found.path), hash.file,
                    found.system || (hash.file != null && hash.file.system));
        } catch (IOException e) {
            throw new PreprocessError(directive.where() + ": fatal error: " + name + ": " + e.getMessage());
        }
        file.searchIndex = found.searchIndex;
        filesRead.putIfAbsent(real, file);
        if (file.depth() > MAX_INCLUDE_DEPTH) {
            throw error(directive, "#include nested depth " + file.depth() + " exceeds maximum of " + MAX_INCLUDE_DEPTH);
        }
        Token first = spliceFile(file, rest);
        guard = guardOf(first);
        if (guard != null) includeGuards.put(real, guard);
        return first;
    }

    /**
     * The macro guarding a file wholly wrapped in {@code #ifndef X ... #endif} (no #else, nothing after), so
     * that including it again while X is defined can be skipped without reading it.
     */
    private static String guardOf(Token first) {
        if (!isDirective(first, "ifndef") || first.next.next.kind != Token.Kind.IDENT) return null;
        String name = first.next.next.text;
        int depth = 0;
        for (Token t = first; t.kind != Token.Kind.FILE_END && t.kind != Token.Kind.EOF; t = t.next) {
            if (isDirective(t, "if", "ifdef", "ifndef")) {
                depth++;
            } else if (depth == 1 && isDirective(t, "elif", "else", "elifdef", "elifndef")) {
                return null;
            } else if (isDirective(t, "endif") && --depth == 0) {
                Token after = lineEnd(t.next.next);
                return after.kind == Token.Kind.FILE_END ? name : null;
            }
        }
        return null;
    }

    private Found findInclude(String name, boolean angled, SourceFile includer, boolean next) {
        Path p = Path.of(name);
        if (p.isAbsolute()) return Files.isRegularFile(p) ? new Found(p, name, -1, false) : null;
        int start = 0;
        if (next && includer != null && includer.searchIndex >= 0) {
            start = includer.searchIndex + 1;
        } else if (!angled && !next) {
            Path dir = includer == null || includer.path == null ? null : includer.path.getParent();
            Path candidate = dir == null ? p : dir.resolve(p);
            if (Files.isRegularFile(candidate)) return new Found(candidate, candidate.toString(), -1, false);
        }
        for (int i = start; i < searchDirs.size(); i++) {
            SearchDir d = searchDirs.get(i);
            Path candidate = d.dir.resolve(p);
            if (Files.isRegularFile(candidate)) return new Found(candidate, candidate.toString(), i, d.system);
        }
        return null;
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    /** Reads a source file as UTF-8, or byte for byte as Latin-1 when it is not valid UTF-8. */
    static String readSource(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    // ---- #line, #pragma, _Pragma --------------------------------------------------------------------------

    private Token lineDirective(Token hash, Token tok, boolean expand) throws PreprocessError {
        List<Token> operands = new ArrayList<>();
        if (expand) {
            if (!tok.atBol) process(copyLine(tok), operands, false);
        } else {
            for (Token t = tok; !t.atBol; t = t.next) operands.add(t);
        }
        Token rest = lineEnd(tok);
        if (operands.isEmpty() || operands.get(0).kind != Token.Kind.NUMBER || !operands.get(0).text.matches("[0-9]+")) {
            String what = operands.isEmpty() ? "" : operands.get(0).text;
            throw error(operands.isEmpty() ? hash : operands.get(0), "\"" + what + "\" after #line is not a positive integer");
        }
        String digits = operands.get(0).text.replaceFirst("^0+(?=.)", "");
        if (digits.length() > 10 || Long.parseLong(digits) > Integer.MAX_VALUE) {
            throw error(operands.get(0), "line number out of range");
        }
        long newLine = Long.parseLong(digits);
        String newName = null;
        if (operands.size() > 1) {
            Token s = operands.get(1);
            if (s.kind != Token.Kind.STRING || !s.text.startsWith("\"")) {
                throw error(s, "invalid filename \"" + s.text + "\"");
            }
            newName = new String(Literals.decode(s.text.substring(1, s.text.length() - 1), true), StandardCharsets.UTF_8);
        }
        Token last = hash;
        for (Token t = hash; !t.next.atBol; t = t.next) last = t.next;
        int delta = (int) (newLine - (last.line + 1));
        for (Token t = rest; t != null; t = t.next) {
            if (t.file != hash.file) continue;
            t.line += delta;
            if (newName != null) t.fileName = newName;
        }
        return rest;
    }

    private Token pragmaDirective(Token hash, Token directive, List<Token> out) {
        Token tok = directive.next;
        Token rest = lineEnd(tok);
        if (tok.isIdent("once") && !tok.atBol) {
            if (hash.file != null && hash.file.path != null) onceFiles.add(realPath(hash.file.path));
            return rest;
        }
        if (tok.isIdent("GCC") && tok.next.isIdent("system_header")) {
            if (hash.file != null) hash.file.system = true;
            return rest;
        }
        Token pragma = hash.copy();
        pragma.kind = Token.Kind.PRAGMA;
        pragma.text = "#pragma" + restOfLine(tok);
        out.add(pragma);
        return rest;
    }

    /** _Pragma("...") (6.10.9): the string, destringized, acts as a #pragma line. */
    private Token pragmaOperator(Token op) throws PreprocessError {
        Token s = op.next.next;
        if (s.kind != Token.Kind.STRING || !s.next.is(")")) throw error(op, "_Pragma takes a parenthesized string literal");
        String body = s.text.substring(s.text.indexOf('"') + 1, s.text.length() - 1);
        Token pragma = op.copy();
        pragma.kind = Token.Kind.PRAGMA;
        pragma.text = "#pragma " + body.replace("\\\"", "\"").replace("\\\\", "\\");
        pragma.next = s.next.next;
        return pragma;
    }

    /** gcc gives this one no column. */
    private static PreprocessError unterminated(Token directive) {
        return new PreprocessError(directive.fileName + ":" + directive.line + ": error: unterminated #" + directive.text);
    }

    /** An error placed just past a token, where gcc points when something is missing. */
    private static PreprocessError errorAfter(Token t, String msg) {
        return new PreprocessError(t.fileName + ":" + t.line + ":" + (t.col + t.text.length()) + ": error: " + msg);
    }

    private static PreprocessError error(Token at, String msg) {
        return new PreprocessError(at.where() + ": error: " + msg);
    }
}
