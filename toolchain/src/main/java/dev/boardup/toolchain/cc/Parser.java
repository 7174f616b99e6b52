package dev.boardup.toolchain.cc;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.boardup.toolchain.cc.Node.Kind;
import dev.boardup.toolchain.cc.Type.Member;

/** Recursive-descent parser: C tokens to a list of global objects (variables and functions with their ASTs). */
final class Parser {
    private static final int MAX_NESTING = 1000;

    /** What a name means in one scope: a variable, a typedef, or an enum constant. */
    private static final class VarScope {
        Obj var;
        Type typeDef;
        Type enumTy;
        long enumVal;
    }

    private static final class Scope {
        final Map<String, VarScope> vars = new HashMap<>();
        final Map<String, Type> tags = new HashMap<>();
    }

    /** Storage-class and alignment attributes of a declaration. */
    private static final class VarAttr {
        boolean isTypedef, isStatic, isExtern, isInline, isTls, isWeak;
        int align;
    }

    /** A declarator's result: the declared type and the name (null when abstract). */
    private record Decl(Type ty, Token name) { }

    private Token tok;
    private final List<Obj> globals = new ArrayList<>();
    private final Map<String, Obj> globalByName = new HashMap<>();
    private final Deque<Scope> scopes = new ArrayDeque<>();
    private Obj currentFn;
    private List<Obj> locals;
    private List<Node> gotos;
    private List<Node> labels;
    private String brkLabel;
    private String contLabel;
    private Node currentSwitch;
    private int depth;
    private boolean vlaDeclared;
    private int paramDepth;        // inside a parameter list, where array bounds may name earlier parameters   // set when a VLA is declared; loops and blocks then restore %rsp
    private int counter;

    private Parser(List<Token> tokens) {
        this.tok = tokens.get(0);
        scopes.push(new Scope());
    }

    static List<Obj> parse(List<Token> tokens) {
        Parser p = new Parser(tokens);
        p.declareBuiltins();
        p.program();
        return p.globals;
    }

    // ---- helpers ----

    private String newUniqueName() { return ".L.." + (counter++); }

    private boolean equal(String s) { return tok.is(s); }

    private boolean consume(String s) {
        if (tok.is(s)) { tok = tok.next; return true; }
        return false;
    }

    private void skip(String s) {
        if (!tok.is(s)) throw tok.error("expected '" + s + "'" + (tok.kind == Token.Kind.EOF ? " at end of input" : " before '" + tok.text + "'"));
        tok = tok.next;
    }

    private Token advance() {
        Token t = tok;
        if (t.kind != Token.Kind.EOF) tok = t.next;
        return t;
    }

    private void enter() {
        if (++depth > MAX_NESTING) throw tok.error("nesting too deep (more than " + MAX_NESTING + " levels)");
    }

    private void leave() { depth--; }

    private static Node newNode(Kind kind, Token tok) { return new Node(kind, tok); }

    private static Node newBinary(Kind kind, Node lhs, Node rhs, Token tok) {
        Node n = new Node(kind, tok);
        n.lhs = lhs;
        n.rhs = rhs;
        return n;
    }

    private static Node newUnary(Kind kind, Node expr, Token tok) {
        Node n = new Node(kind, tok);
        n.lhs = expr;
        return n;
    }

    private static Node newNum(long val, Token tok) {
        Node n = new Node(Kind.NUM, tok);
        n.val = val;
        return n;
    }

    private static Node newLong(long val, Token tok) {
        Node n = newNum(val, tok);
        n.ty = Type.LONG;
        return n;
    }

    private static Node newULong(long val, Token tok) {
        Node n = newNum(val, tok);
        n.ty = Type.ULONG;
        return n;
    }

    private static Node newVarNode(Obj var, Token tok) {
        Node n = new Node(Kind.VAR, tok);
        n.var = var;
        return n;
    }

    static Node newCast(Node expr, Type ty) {
        Typer.addType(expr);
        Type from = expr.ty;
        if (ty.kind == Type.Kind.PTR && from.isFlonum())
            throw expr.tok.error("incompatible types when converting '" + from + "' to pointer type");
        if (ty.isFlonum() && (from.kind == Type.Kind.PTR || from.kind == Type.Kind.ARRAY || from.kind == Type.Kind.FUNC))
            throw expr.tok.error("incompatible types when converting a pointer to '" + ty + "'");
        Node n = new Node(Kind.CAST, expr.tok);
        n.lhs = expr;
        n.ty = ty;
        return n;
    }

    // ---- scopes ----

    private void enterScope() { scopes.push(new Scope()); }
    private void leaveScope() { scopes.pop(); }

    private VarScope findVar(String name) {
        for (Scope s : scopes) {
            VarScope v = s.vars.get(name);
            if (v != null) return v;
        }
        return null;
    }

    private Type findTag(String name) {
        for (Scope s : scopes) {
            Type t = s.tags.get(name);
            if (t != null) return t;
        }
        return null;
    }

    private VarScope pushScope(String name) {
        VarScope v = new VarScope();
        scopes.peek().vars.put(name, v);
        return v;
    }

    private Type findTypedef(Token t) {
        if (t.kind != Token.Kind.IDENT) return null;
        VarScope v = findVar(t.text);
        return v != null ? v.typeDef : null;
    }

    private Obj newLvar(String name, Type ty) {
        Obj var = new Obj(name, ty);
        var.isLocal = true;
        var.align = ty.align;
        locals.add(var);
        pushScope(name).var = var;
        return var;
    }

    private Obj newGvar(String name, Type ty) {
        Obj var = new Obj(name, ty);
        var.align = ty.align;
        var.isDefinition = true;
        globals.add(var);
        pushScope(name).var = var;
        return var;
    }

    private Obj newAnonGvar(Type ty) {
        Obj var = new Obj(newUniqueName(), ty);
        var.align = ty.align;
        var.isDefinition = true;
        var.isStatic = true;
        globals.add(var);
        return var;
    }

    private Obj newStringLiteral(byte[] data, Type ty) {
        Obj var = newAnonGvar(ty);
        var.initData = data;
        var.isReadOnly = true;
        return var;
    }

    private void declareBuiltins() {
        // __builtin_va_list: the SysV AMD64 va_list, an array of one 24-byte struct
        // { unsigned gp_offset; unsigned fp_offset; void *overflow_arg_area; void *reg_save_area; }
        Type tag = Type.structType();
        tag.size = 24;
        tag.align = 8;
        pushScope("__builtin_va_list").typeDef = Type.arrayOf(tag, 1);
    }

    // ---- program and declarations ----

    private void program() {
        while (tok.kind != Token.Kind.EOF) {
            if (consume(";")) continue;
            if (equal("_Static_assert")) { staticAssert(); continue; }
            if (equal("__asm__") || equal("asm") || equal("__asm")) {
                advance();
                skip("(");
                Obj asm = new Obj("", Type.VOID);
                asm.toplevelAsm = stringLiteralText();
                skip(")");
                skip(";");
                globals.add(asm);
                continue;
            }
            VarAttr attr = new VarAttr();
            Type basety = declspec(attr);
            if (attr.isTypedef) { parseTypedef(basety); continue; }
            globalDeclaration(basety, attr);
        }
        markLiveFunctions();
    }

    private void globalDeclaration(Type basety, VarAttr attr) {
        boolean first = true;
        while (!consume(";")) {
            if (!first) skip(",");
            Decl d = declarator(basety);
            String asmName = attributesAndAsm(attr);
            if (d.name == null) throw tok.error("variable name omitted");
            if (d.ty.kind == Type.Kind.FUNC) {
                if (first && d.ty.isOldStyle && !d.ty.params.isEmpty() && !equal(";") && !equal(",")) d = krParamDecls(d);
                Obj fn = declareFunction(d, attr, asmName);
                if (first && equal("{")) {
                    functionDefinition(fn, d);
                    return;
                }
            } else {
                globalVariable(d, attr, asmName);
            }
            first = false;
        }
    }

    /** The parameter declarations of a K&R definition, {@code int f(a, b) int a; char *b; {...}}; undeclared ones are int. */
    private Decl krParamDecls(Decl d) {
        Type fn = d.ty.copy();
        fn.origin = null;
        fn.params = new ArrayList<>(d.ty.params);
        while (!equal("{")) {
            if (tok.kind == Token.Kind.EOF) throw tok.error("expected '{' at end of input");
            VarAttr attr = new VarAttr();
            Type basety = declspec(attr);
            boolean first = true;
            while (!consume(";")) {
                if (!first) skip(",");
                first = false;
                Decl p = declarator(basety);
                if (p.name == null) throw tok.error("expected parameter name");
                int idx = -1;
                for (int i = 0; i < fn.paramNames.size(); i++) if (fn.paramNames.get(i).text.equals(p.name.text)) idx = i;
                if (idx < 0) throw p.name.error("declaration for parameter '" + p.name.text + "' but no such parameter");
                Type pty = p.ty;
                if (pty.kind == Type.Kind.ARRAY) pty = Type.pointerTo(pty.base);
                else if (pty.kind == Type.Kind.FUNC) pty = Type.pointerTo(pty);
                else if (pty.kind == Type.Kind.FLOAT) pty = Type.DOUBLE;   // callers promote float to double
                fn.params.set(idx, pty);
            }
        }
        return new Decl(fn, d.name);
    }

    private Obj declareFunction(Decl d, VarAttr attr, String asmName) {
        String name = d.name.text;
        Obj fn = globalByName.get(name);
        if (fn != null && !fn.isFunction) throw d.name.error("'" + name + "' redeclared as different kind of symbol");
        if (fn == null) {
            fn = newGvar(name, d.ty);
            fn.isFunction = true;
            fn.isDefinition = false;
            fn.isStatic = attr.isStatic || (attr.isInline && !attr.isExtern);
            fn.isInline = attr.isInline;
            fn.tok = d.name;
            globalByName.put(name, fn);
        } else {
            pushScope(name).var = fn;
            if (attr.isStatic) fn.isStatic = true;
            if (!fn.isDefinition && !d.ty.isOldStyle) fn.ty = d.ty;
        }
        if (asmName != null) fn.asmName = asmName;
        if (attr.isWeak) fn.isWeak = true;
        return fn;
    }

    private void functionDefinition(Obj fn, Decl d) {
        if (fn.isDefinition) throw d.name.error("redefinition of '" + fn.name + "'");
        fn.isDefinition = true;
        fn.ty = d.ty;
        fn.isRoot = !(fn.isStatic && fn.isInline);
        currentFn = fn;
        locals = new ArrayList<>();
        gotos = new ArrayList<>();
        labels = new ArrayList<>();
        enterScope();
        for (int i = 0; i < d.ty.params.size(); i++) {
            Token pname = d.ty.paramNames.get(i);
            Type pty = d.ty.params.get(i);
            if (pty.size < 0 && pty.kind != Type.Kind.ARRAY) throw (pname != null ? pname : d.name).error("parameter has incomplete type");
            fn.params.add(newLvar(pname == null ? "" : pname.text, pty));
        }
        if (d.ty.isVariadic) fn.vaArea = newLvar("__va_area__", Type.arrayOf(Type.CHAR, 176));
        Token start = tok;
        skip("{");
        byte[] nameBytes = (fn.name + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Obj funcName = newStringLiteral(nameBytes, Type.arrayOf(Type.CHAR, nameBytes.length));
        pushScope("__func__").var = funcName;
        pushScope("__FUNCTION__").var = funcName;
        pushScope("__PRETTY_FUNCTION__").var = funcName;
        fn.body = compoundStmt(start);
        fn.locals = locals;
        leaveScope();
        resolveGotoLabels();
        currentFn = null;
    }

    private void globalVariable(Decl d, VarAttr attr, String asmName) {
        String name = d.name.text;
        if (d.ty.kind == Type.Kind.VOID) throw d.name.error("variable '" + name + "' declared void");
        Obj var = globalByName.get(name);
        if (var != null && var.isFunction) throw d.name.error("'" + name + "' redeclared as different kind of symbol");
        if (var == null) {
            var = newGvar(name, d.ty);
            var.isDefinition = false;
            var.tok = d.name;
            globalByName.put(name, var);
        } else {
            pushScope(name).var = var;
            if (!Type.isCompatible(var.ty, d.ty)) throw d.name.error("conflicting types for '" + name + "'");
            if (var.ty.size < 0 || (var.ty.kind == Type.Kind.ARRAY && var.ty.arrayLen < 0)) var.ty = d.ty;
        }
        if (asmName != null) var.asmName = asmName;
        if (attr.isTls) var.isTls = true;
        if (attr.isWeak) var.isWeak = true;
        if (attr.isStatic) var.isStatic = true;
        if (attr.align != 0) var.align = attr.align;
        else var.align = Math.max(var.align, var.ty.align);
        if (equal("=")) {
            Token eq = advance();
            if (var.initData != null) throw d.name.error("redefinition of '" + name + "'");
            if (attr.isExtern && currentFn != null) throw eq.error("'" + name + "' has both 'extern' and initializer");
            var.isDefinition = true;
            var.isTentative = false;
            gvarInitializer(var);
            return;
        }
        if (!attr.isExtern && var.initData == null) {
            var.isDefinition = true;
            var.isTentative = true;
        }
    }

    private void parseTypedef(Type basety) {
        boolean first = true;
        while (!consume(";")) {
            if (!first) skip(",");
            first = false;
            Decl d = declarator(basety);
            attributesAndAsm(null);
            if (d.name == null) throw tok.error("typedef name omitted");
            pushScope(d.name.text).typeDef = d.ty;
        }
    }

    private void staticAssert() {
        Token start = advance();
        skip("(");
        long v = constExpr();
        String msg = null;
        if (consume(",")) {
            if (tok.kind != Token.Kind.STR) throw tok.error("expected string literal");
            msg = new String(tok.str, 0, Math.max(0, tok.str.length - 1), java.nio.charset.StandardCharsets.UTF_8);
            advance();
        }
        skip(")");
        skip(";");
        if (v == 0) throw start.error("static assertion failed" + (msg != null ? ": \"" + msg + "\"" : ""));
    }

    // ---- attributes ----

    /** Parses any run of __attribute__((...)), __asm__("label") and __extension__; returns the asm label if given. */
    private String attributesAndAsm(VarAttr attr) {
        String asmName = null;
        while (true) {
            if (equal("__attribute__") || equal("__attribute")) { attributeList(attr, null); continue; }
            if (equal("__asm__") || equal("__asm") || equal("asm")) {
                advance();
                skip("(");
                StringBuilder sb = new StringBuilder();
                while (tok.kind == Token.Kind.STR) {
                    sb.append(new String(tok.str, 0, tok.str.length - 1, java.nio.charset.StandardCharsets.UTF_8));
                    advance();
                }
                skip(")");
                asmName = sb.toString();
                continue;
            }
            return asmName;
        }
    }

    /** __attribute__((a, b(args), ...)): aligned and packed are honoured, the rest is parsed and ignored. */
    private void attributeList(VarAttr attr, Type structTy) {
        advance();
        skip("(");
        skip("(");
        while (!consume(")")) {
            if (tok.kind == Token.Kind.EOF) throw tok.error("unterminated attribute");
            if (consume(",")) continue;
            Token name = advance();
            String n = name.text.replaceAll("^__(.*)__$", "$1");
            if (n.equals("packed")) {
                if (structTy != null) structTy.isPacked = true;
            }
            if (n.equals("weak") && attr != null) attr.isWeak = true;
            if (equal("(")) {
                if (n.equals("aligned")) {
                    advance();
                    long a = constExpr();
                    skip(")");
                    if (attr != null) attr.align = (int) a;
                    if (structTy != null) structTy.align = Math.max(structTy.align, (int) a);
                } else {
                    skipBalancedParens();
                }
            } else if (n.equals("aligned")) {
                if (attr != null) attr.align = 16;
            }
        }
        skip(")");
    }

    private void skipBalancedParens() {
        int level = 0;
        do {
            if (tok.kind == Token.Kind.EOF) throw tok.error("unbalanced parentheses");
            if (equal("(")) level++;
            if (equal(")")) level--;
            advance();
        } while (level > 0);
    }

    // ---- declaration specifiers ----

    private static final int VOID = 1 << 0, BOOL = 1 << 2, CHAR = 1 << 4, SHORT = 1 << 6, INT = 1 << 8,
        LONG = 1 << 10, FLOAT = 1 << 12, DOUBLE = 1 << 14, OTHER = 1 << 16, SIGNED = 1 << 17, UNSIGNED = 1 << 18;

    private boolean isTypename(Token t) {
        if (t.is("__extension__")) return isTypename(t.next);
        if (t.kind == Token.Kind.IDENT && floatNType(t.text) != null) return true;
        if (t.kind == Token.Kind.KEYWORD) {
            return switch (t.text) {
                case "void", "_Bool", "char", "short", "int", "long", "struct", "union", "typedef", "enum", "static",
                     "extern", "_Alignas", "signed", "unsigned", "const", "volatile", "auto", "register", "restrict",
                     "__restrict", "__restrict__", "_Noreturn", "float", "double", "typeof", "__typeof", "__typeof__",
                     "inline", "__inline", "__inline__", "_Thread_local", "__thread", "_Atomic", "__attribute__",
                     "__attribute", "__const", "__const__", "__volatile", "__volatile__", "__signed", "__signed__",
                     "_Complex" -> true;
                default -> false;
            };
        }
        return findTypedef(t) != null;
    }

    /**
     * The TS 18661-3 types glibc's headers declare under gcc: _FloatN maps to the same-sized standard type. _Float128
     * (and __float128) have no quad-precision arithmetic here; they take long double's size and class so that
     * declarations parse.
     */
    private static Type floatNType(String name) {
        return switch (name) {
            case "_Float32" -> Type.FLOAT;
            case "_Float64", "_Float32x" -> Type.DOUBLE;
            case "_Float64x", "_Float128", "__float128" -> Type.LDOUBLE;
            default -> null;
        };
    }

    private Type declspec(VarAttr attr) {
        Type ty = Type.INT;
        int counter = 0;
        boolean isConst = false;
        Token start = tok;
        while (isTypename(tok)) {
            String s = tok.text;
            if (tok.kind == Token.Kind.KEYWORD && switch (s) {
                    case "typedef", "static", "extern", "inline", "__inline", "__inline__", "_Thread_local", "__thread" -> true;
                    default -> false; }) {
                if (attr == null) throw tok.error("storage class specifier is not allowed in this context");
                switch (s) {
                    case "typedef" -> attr.isTypedef = true;
                    case "static" -> attr.isStatic = true;
                    case "extern" -> attr.isExtern = true;
                    case "_Thread_local", "__thread" -> attr.isTls = true;
                    default -> attr.isInline = true;
                }
                if (attr.isTypedef && (attr.isStatic || attr.isExtern || attr.isInline))
                    throw tok.error("typedef may not be used together with static, extern or inline");
                advance();
                continue;
            }
            if (tok.kind == Token.Kind.KEYWORD && switch (s) {
                    case "const", "__const", "__const__" -> true;
                    default -> false; }) {
                isConst = true;
                advance();
                continue;
            }
            if (tok.kind == Token.Kind.KEYWORD && switch (s) {
                    case "volatile", "auto", "register", "restrict", "__restrict", "__restrict__", "_Noreturn",
                         "__volatile", "__volatile__", "__extension__" -> true;
                    default -> false; }) {
                advance();
                continue;
            }
            if (s.equals("_Complex")) throw tok.error("_Complex is not supported");
            if (s.equals("_Atomic")) {
                advance();
                if (equal("(")) {
                    advance();
                    ty = typename();
                    skip(")");
                    counter += OTHER;
                }
                continue;
            }
            if (s.equals("__attribute__") || s.equals("__attribute")) {
                attributeList(attr, null);
                continue;
            }
            if (s.equals("_Alignas")) {
                if (attr == null) throw tok.error("_Alignas is not allowed in this context");
                advance();
                skip("(");
                if (isTypename(tok)) attr.align = typename().align;
                else attr.align = (int) constExpr();
                skip(")");
                continue;
            }
            Type typedef = findTypedef(tok);
            if (typedef == null && tok.kind == Token.Kind.IDENT) typedef = floatNType(s);
            if (s.equals("struct") || s.equals("union") || s.equals("enum") || s.startsWith("typeof")
                    || s.startsWith("__typeof") || typedef != null) {
                if (counter != 0) break;
                if (s.equals("struct")) { advance(); ty = structUnionDecl(Type.Kind.STRUCT); }
                else if (s.equals("union")) { advance(); ty = structUnionDecl(Type.Kind.UNION); }
                else if (s.equals("enum")) { advance(); ty = enumSpecifier(); }
                else if (typedef != null) { ty = typedef; advance(); }
                else { advance(); ty = typeofSpecifier(); }
                counter += OTHER;
                continue;
            }
            switch (s) {
                case "void" -> counter += VOID;
                case "_Bool" -> counter += BOOL;
                case "char" -> counter += CHAR;
                case "short" -> counter += SHORT;
                case "int" -> counter += INT;
                case "long" -> counter += LONG;
                case "float" -> counter += FLOAT;
                case "double" -> counter += DOUBLE;
                case "signed", "__signed", "__signed__" -> counter |= SIGNED;
                case "unsigned" -> counter |= UNSIGNED;
                default -> throw tok.error("internal error: unexpected specifier");
            }
            ty = switch (counter) {
                case VOID -> Type.VOID;
                case BOOL -> Type.BOOL;
                case CHAR, SIGNED + CHAR -> Type.CHAR;
                case UNSIGNED + CHAR -> Type.UCHAR;
                case SHORT, SHORT + INT, SIGNED + SHORT, SIGNED + SHORT + INT -> Type.SHORT;
                case UNSIGNED + SHORT, UNSIGNED + SHORT + INT -> Type.USHORT;
                case INT, SIGNED, SIGNED + INT -> Type.INT;
                case UNSIGNED, UNSIGNED + INT -> Type.UINT;
                case LONG, LONG + INT, LONG + LONG, LONG + LONG + INT, SIGNED + LONG, SIGNED + LONG + INT,
                     SIGNED + LONG + LONG, SIGNED + LONG + LONG + INT -> Type.LONG;
                case UNSIGNED + LONG, UNSIGNED + LONG + INT, UNSIGNED + LONG + LONG, UNSIGNED + LONG + LONG + INT -> Type.ULONG;
                case FLOAT -> Type.FLOAT;
                case DOUBLE -> Type.DOUBLE;
                case LONG + DOUBLE -> Type.LDOUBLE;
                default -> throw tok.error("invalid combination of type specifiers");
            };
            advance();
        }
        if (tok == start && attr != null && !isTypename(tok)) {
            // C89 implicit int is not C11; require a type
            throw tok.error(tok.kind == Token.Kind.IDENT ? "unknown type name '" + tok.text + "'" : "expected declaration specifiers before '" + tok.text + "'");
        }
        if (isConst) {
            ty = ty.copy();
            ty.isConst = true;
        }
        return ty;
    }

    private Type typeofSpecifier() {
        skip("(");
        Type ty;
        if (isTypename(tok)) ty = typename();
        else {
            Node n = expr();
            Typer.addType(n);
            ty = n.ty;
        }
        skip(")");
        return ty;
    }

    // ---- declarators ----

    private Type pointers(Type ty) {
        while (consume("*")) {
            ty = Type.pointerTo(ty);
            while (true) {
                if (equal("const") || equal("__const") || equal("__const__")) {
                    advance();
                    ty = ty.copy();
                    ty.isConst = true;
                } else if (equal("volatile") || equal("restrict") || equal("__restrict") || equal("__restrict__")
                        || equal("__volatile") || equal("__volatile__") || equal("_Atomic")) {
                    advance();
                } else if (equal("__attribute__") || equal("__attribute")) {
                    attributeList(null, null);
                } else break;
            }
        }
        return ty;
    }

    private Decl declarator(Type ty) {
        enter();
        try {
            ty = pointers(ty);
            while (equal("__attribute__") || equal("__attribute")) attributeList(null, null);
            if (equal("(") && !isTypename(tok.next) && !tok.next.is(")")) {
                Token start = tok;
                advance();
                declarator(Type.VOID);   // find where the nested declarator ends
                skip(")");
                ty = typeSuffix(ty);
                Token after = tok;
                tok = start.next;
                Decl d = declarator(ty);
                skip(")");
                tok = after;
                return d;
            }
            Token name = null;
            if (tok.kind == Token.Kind.IDENT) name = advance();
            ty = typeSuffix(ty);
            return new Decl(ty, name);
        } finally {
            leave();
        }
    }

    private Type abstractDeclarator(Type ty) {
        enter();
        try {
            ty = pointers(ty);
            if (equal("(") && !isTypename(tok.next) && !tok.next.is(")")) {
                Token start = tok;
                advance();
                abstractDeclarator(Type.VOID);
                skip(")");
                ty = typeSuffix(ty);
                Token after = tok;
                tok = start.next;
                Type t = abstractDeclarator(ty);
                skip(")");
                tok = after;
                return t;
            }
            return typeSuffix(ty);
        } finally {
            leave();
        }
    }

    private Type typename() {
        Type ty = declspec(null);
        return abstractDeclarator(ty);
    }

    private Type typeSuffix(Type ty) {
        if (equal("(")) {
            advance();
            return funcParams(ty);
        }
        if (equal("[")) {
            advance();
            return arrayDimensions(ty);
        }
        return ty;
    }

    private Type funcParams(Type ret) {
        Token start = tok;
        if (ret.kind == Type.Kind.FUNC) throw start.error("function cannot return a function");
        if (ret.kind == Type.Kind.ARRAY) throw start.error("function cannot return an array");
        Type fn = Type.funcType(ret);
        fn.paramNames = new ArrayList<>();
        if (equal("void") && tok.next.is(")")) {
            advance();
            advance();
            return fn;
        }
        if (consume(")")) {
            fn.isOldStyle = true;
            fn.isVariadic = true;
            return fn;
        }
        if (tok.kind == Token.Kind.IDENT && !isTypename(tok) && (tok.next.is(",") || tok.next.is(")"))) {
            // K&R identifier list; the types follow the declarator in the definition
            fn.isOldStyle = true;
            while (true) {
                if (tok.kind != Token.Kind.IDENT) throw tok.error("expected identifier before '" + tok.text + "'");
                fn.params.add(Type.INT);
                fn.paramNames.add(advance());
                if (consume(")")) break;
                skip(",");
            }
            return fn;
        }
        enterScope();
        paramDepth++;
        try {
            boolean first = true;
            while (!consume(")")) {
                if (!first) skip(",");
                first = false;
                if (consume("...")) {
                    fn.isVariadic = true;
                    skip(")");
                    break;
                }
                if (!isTypename(tok)) throw tok.error(tok.kind == Token.Kind.IDENT ? "unknown type name '" + tok.text + "'" : "expected parameter declaration before '" + tok.text + "'");
                VarAttr attr = new VarAttr();
                Type basety = declspec(attr);
                Decl d = declarator(basety);
                attributesAndAsm(null);
                Type pty = d.ty;
                if (pty.kind == Type.Kind.ARRAY || pty.kind == Type.Kind.VLA) pty = Type.pointerTo(pty.base);
                else if (pty.kind == Type.Kind.FUNC) pty = Type.pointerTo(pty);
                else if (pty.kind == Type.Kind.VOID) throw tok.error("parameter has void type");
                if (pty.kind == Type.Kind.PTR && pty.base.kind == Type.Kind.VLA)
                    throw (d.name != null ? d.name : tok).error("variably modified parameter types are not supported");
                fn.params.add(pty);
                fn.paramNames.add(d.name);
                if (d.name != null) {
                    // later bounds may name this parameter: `int n, int a[n]`
                    Obj placeholder = new Obj(d.name.text, pty);
                    placeholder.isLocal = true;
                    pushScope(d.name.text).var = placeholder;
                }
            }
        } finally {
            paramDepth--;
            leaveScope();
        }
        return fn;
    }

    private Type arrayDimensions(Type ty) {
        while (equal("static") || equal("restrict") || equal("const") || equal("volatile") || equal("__restrict")) advance();
        if (consume("]")) {
            ty = typeSuffix(ty);
            checkElementType(ty);
            return Type.arrayOf(ty, -1);
        }
        Token lenTok = tok;
        if (paramDepth > 0 && equal("*") && tok.next.is("]")) {
            advance();
            advance();
            return Type.vlaOf(typeSuffix(ty), null);
        }
        Node n = conditional();
        Typer.addType(n);
        if (!isConstExpr(n)) {
            if (currentFn == null && paramDepth == 0) throw lenTok.error("variably modified array at file scope");
            if (!n.ty.isInteger()) throw lenTok.error("size of array has non-integer type");
            skip("]");
            ty = typeSuffix(ty);
            if (ty.kind != Type.Kind.VLA) checkElementType(ty);
            return Type.vlaOf(ty, n);
        }
        long len = eval(n);
        if (len < 0) throw lenTok.error("size of array is negative");
        if (len > Integer.MAX_VALUE / 16) throw lenTok.error("size of array is too large");
        skip("]");
        ty = typeSuffix(ty);
        checkElementType(ty);
        if ((long) ty.size * len > Integer.MAX_VALUE) throw lenTok.error("size of array is too large");
        return Type.arrayOf(ty, (int) len);
    }

    /** Code computing a VLA type's size in bytes into its hidden local (inner dimensions first). */
    private Node computeVlaSize(Type ty, Token t) {
        Node node = newNode(Kind.NULL_EXPR, t);
        if (ty.base != null) node = newBinary(Kind.COMMA, node, computeVlaSize(ty.base, t), t);
        if (ty.kind != Type.Kind.VLA) return node;
        Node baseSize = ty.base.kind == Type.Kind.VLA ? newVarNode(ty.base.vlaSize, t) : newULong(ty.base.size, t);
        ty.vlaSize = newLvar("", Type.ULONG);
        Node expr = newBinary(Kind.ASSIGN, newVarNode(ty.vlaSize, t),
            newBinary(Kind.MUL, newCast(ty.vlaLen, Type.ULONG), baseSize, t), t);
        return newBinary(Kind.COMMA, node, expr, t);
    }

    /** Run-time size of a type: a hidden variable for VLAs, a constant otherwise. */
    private Node sizeNode(Type ty, Token t) {
        if (ty.kind == Type.Kind.VLA) return newVarNode(ty.vlaSize, t);
        return newULong(ty.size, t);
    }

    private void checkElementType(Type ty) {
        if (ty.kind == Type.Kind.FUNC) throw tok.error("declaration of array of functions");
        if (ty.size < 0 || ty.kind == Type.Kind.VOID) throw tok.error("array type has incomplete element type");
    }

    // ---- struct, union, enum ----

    private Type structUnionDecl(Type.Kind kind) {
        Type ty = Type.structType();
        ty.kind = kind;
        while (equal("__attribute__") || equal("__attribute")) attributeList(null, ty);
        Token tag = null;
        if (tok.kind == Token.Kind.IDENT) tag = advance();
        if (tag != null && !equal("{")) {
            if (equal(";")) {
                Type existing = scopes.peek().tags.get(tag.text);
                if (existing != null) return existing;
            } else {
                Type existing = findTag(tag.text);
                if (existing != null) {
                    if (existing.kind != kind) throw tag.error("'" + tag.text + "' defined as wrong kind of tag");
                    return existing;
                }
            }
            ty.size = -1;
            scopes.peek().tags.put(tag.text, ty);
            return ty;
        }
        int pack = tok.pack;
        skip("{");
        structMembers(ty);
        if (pack > 0) {
            // #pragma pack(n): no member is aligned beyond n
            for (Member m : ty.members) m.align = Math.min(m.align, pack);
            ty.isPackedTo = pack;
        }
        while (equal("__attribute__") || equal("__attribute")) attributeList(null, ty);
        if (kind == Type.Kind.STRUCT) layoutStruct(ty); else layoutUnion(ty);
        if (tag != null) {
            Type existing = scopes.peek().tags.get(tag.text);
            if (existing != null) {
                if (existing.kind != kind) throw tag.error("'" + tag.text + "' defined as wrong kind of tag");
                if (existing.size >= 0) throw tag.error("redefinition of '" + (kind == Type.Kind.STRUCT ? "struct " : "union ") + tag.text + "'");
                existing.members = ty.members;
                existing.size = ty.size;
                existing.align = ty.align;
                existing.isFlexible = ty.isFlexible;
                existing.isPacked = ty.isPacked;
                return existing;
            }
            scopes.peek().tags.put(tag.text, ty);
        }
        return ty;
    }

    private void structMembers(Type ty) {
        int idx = 0;
        while (!consume("}")) {
            if (equal("_Static_assert")) { staticAssert(); continue; }
            if (consume(";")) continue;
            VarAttr attr = new VarAttr();
            Type basety = declspec(attr);
            if (basety.isStructOrUnion() && consume(";")) {
                Member m = new Member();
                m.ty = basety;
                m.tok = tok;
                m.idx = idx++;
                m.align = attr.align != 0 ? attr.align : basety.align;
                ty.members.add(m);
                continue;
            }
            boolean first = true;
            while (!consume(";")) {
                if (!first) skip(",");
                first = false;
                Member m = new Member();
                Token at = tok;
                Decl d = equal(":") ? new Decl(basety, null) : declarator(basety);
                VarAttr mattr = new VarAttr();
                attributesAndAsm(mattr);
                m.ty = d.ty;
                m.name = d.name;
                m.tok = d.name != null ? d.name : at;
                m.idx = idx++;
                m.align = attr.align != 0 ? attr.align : mattr.align != 0 ? mattr.align : m.ty.align;
                if (consume(":")) {
                    Token wtok = tok;
                    if (!m.ty.isInteger()) throw wtok.error("bit-field has invalid type");
                    m.isBitfield = true;
                    long w = constExpr();
                    if (w < 0 || w > m.ty.size * 8L) throw wtok.error("width of bit-field exceeds its type");
                    if (w == 0 && m.name != null) throw wtok.error("zero width for bit-field '" + m.name.text + "'");
                    m.bitWidth = (int) w;
                    attributesAndAsm(mattr);
                }
                if (m.ty.kind == Type.Kind.FUNC) throw m.tok.error("field declared as a function");
                if (m.ty.kind == Type.Kind.VLA) throw m.tok.error("a member of a structure or union cannot have a variably modified type");
                ty.members.add(m);
            }
        }
        int n = ty.members.size();
        for (int i = 0; i < n; i++) {
            Member m = ty.members.get(i);
            if (m.ty.kind == Type.Kind.ARRAY && m.ty.arrayLen < 0) {
                if (i != n - 1) throw m.tok.error("flexible array member not at end of struct");
                m.ty = Type.arrayOf(m.ty.base, 0);
                ty.isFlexible = true;
            } else if (m.ty.size < 0) {
                throw m.tok.error("field has incomplete type");
            }
        }
    }

    private static int alignTo(int n, int align) { return (n + align - 1) / align * align; }

    /** Lays out members in order as gcc does on x86-64, packing bit-fields into their declared unit. */
    private void layoutStruct(Type ty) {
        long bits = 0;
        ty.align = Math.max(ty.align, 1);
        for (Member m : ty.members) {
            if (ty.isPacked) m.align = 1;
            if (m.isBitfield && m.bitWidth == 0) {
                bits = alignTo((int) bits, m.ty.size * 8);
            } else if (m.isBitfield) {
                int sz = m.ty.size;
                if (!ty.isPacked && bits / (sz * 8L) != (bits + m.bitWidth - 1) / (sz * 8L))
                    bits = alignTo((int) bits, sz * 8);
                int unit = ty.isPacked ? 1 : sz;
                m.offset = (int) (bits / 8) / unit * unit;
                m.bitOffset = (int) (bits - m.offset * 8L);
                if (m.bitOffset + m.bitWidth > sz * 8) {
                    // packed: the field straddles; fall back to byte unit containing its start
                    m.offset = (int) (bits / 8);
                    m.bitOffset = (int) (bits % 8);
                }
                bits += m.bitWidth;
            } else {
                bits = alignTo((int) bits, m.align * 8);
                m.offset = (int) (bits / 8);
                bits += m.ty.size * 8L;
            }
            if (!ty.isPacked && !(m.isBitfield && m.name == null)) ty.align = Math.max(ty.align, m.align);
        }
        if (ty.isPackedTo > 0) ty.align = Math.min(ty.align, ty.isPackedTo);
        ty.size = alignTo((int) ((bits + 7) / 8), ty.align);
    }

    private void layoutUnion(Type ty) {
        int size = 0;
        ty.align = Math.max(ty.align, 1);
        for (Member m : ty.members) {
            if (ty.isPacked) m.align = 1;
            m.offset = 0;
            m.bitOffset = 0;
            if (!(m.isBitfield && m.name == null)) ty.align = Math.max(ty.align, m.align);
            size = Math.max(size, m.isBitfield ? (m.bitWidth + 7) / 8 : m.ty.size);
        }
        if (ty.isPackedTo > 0) ty.align = Math.min(ty.align, ty.isPackedTo);
        ty.size = alignTo(size, ty.align);
    }

    private Type enumSpecifier() {
        Type ty = Type.enumType();
        while (equal("__attribute__") || equal("__attribute")) attributeList(null, null);
        Token tag = null;
        if (tok.kind == Token.Kind.IDENT) tag = advance();
        if (tag != null && !equal("{")) {
            Type existing = findTag(tag.text);
            if (existing != null) {
                if (existing.kind != Type.Kind.ENUM) throw tag.error("'" + tag.text + "' defined as wrong kind of tag");
                return existing;
            }
            scopes.peek().tags.put(tag.text, ty);
            return ty;
        }
        skip("{");
        long val = 0;
        boolean first = true;
        while (!consume("}")) {
            if (!first) {
                skip(",");
                if (consume("}")) break;
            }
            first = false;
            if (tok.kind != Token.Kind.IDENT) throw tok.error("expected identifier before '" + tok.text + "'");
            Token name = advance();
            attributesAndAsm(null);
            if (consume("=")) val = constExpr();
            VarScope sc = pushScope(name.text);
            sc.enumTy = ty;
            sc.enumVal = val++;
        }
        while (equal("__attribute__") || equal("__attribute")) attributeList(null, null);
        if (tag != null) scopes.peek().tags.put(tag.text, ty);
        return ty;
    }

    private static Member getStructMember(Type ty, String name) {
        for (Member m : ty.members) {
            if (m.name == null && m.ty.isStructOrUnion()) {
                if (getStructMember(m.ty, name) != null) return m;
                continue;
            }
            if (m.name != null && m.name.text.equals(name)) return m;
        }
        return null;
    }

    private Node structRef(Node node, Token name) {
        Typer.addType(node);
        if (!node.ty.isStructOrUnion()) throw name.error("request for member '" + name.text + "' in something not a structure or union");
        if (node.ty.size < 0) throw name.error("invalid use of incomplete type");
        Type ty = node.ty;
        while (true) {
            Member m = getStructMember(ty, name.text);
            if (m == null) throw name.error("'" + (ty.kind == Type.Kind.STRUCT ? "struct" : "union") + "' has no member named '" + name.text + "'");
            node = newUnary(Kind.MEMBER, node, name);
            node.member = m;
            if (m.name != null) break;
            ty = m.ty;
        }
        return node;
    }

    // ---- local declarations ----

    private Node declaration(Type basety, VarAttr attr) {
        Node block = newNode(Kind.BLOCK, tok);
        boolean first = true;
        while (!consume(";")) {
            if (!first) skip(",");
            first = false;
            Token start = tok;
            Decl d = declarator(basety);
            String asmName = attributesAndAsm(attr);
            if (d.name == null) throw start.error("variable name omitted");
            Type ty = d.ty;
            if (ty.kind == Type.Kind.FUNC) {
                Obj fn = declareFunction(d, attr, asmName);
                continue;
            }
            if (ty.kind == Type.Kind.VOID) throw d.name.error("variable '" + d.name.text + "' declared void");
            if (attr.isExtern) {
                Obj var = globalByName.get(d.name.text);
                if (var == null) {
                    var = new Obj(d.name.text, ty);
                    var.align = ty.align;
                    var.tok = d.name;
                    var.isTls = attr.isTls;
                    globals.add(var);
                    globalByName.put(d.name.text, var);
                }
                if (asmName != null) var.asmName = asmName;
                pushScope(d.name.text).var = var;
                continue;
            }
            if ((attr.isStatic || attr.isExtern) && ty.kind == Type.Kind.VLA)
                throw d.name.error("storage size of '" + d.name.text + "' isn't constant");
            if (attr.isStatic) {
                Obj var = newAnonGvar(ty);
                var.isStatic = true;
                var.isTls = attr.isTls;
                var.tok = d.name;
                if (attr.align != 0) var.align = attr.align;
                pushScope(d.name.text).var = var;
                if (consume("=")) gvarInitializer(var);
                else var.isTentative = false;
                if (var.ty.size < 0) throw d.name.error("storage size of '" + d.name.text + "' isn't known");
                continue;
            }
            if (attr.isTls) throw d.name.error("function-scope '" + d.name.text + "' implicitly auto and declared '_Thread_local'");
            if (ty.kind == Type.Kind.VLA) {
                if (equal("=")) throw tok.error("variable-sized object may not be initialized");
                Node size = computeVlaSize(ty, d.name);
                Obj var = newLvar(d.name.text, ty);
                var.tok = d.name;
                Node alloc = newNode(Kind.VLA_ALLOC, d.name);
                alloc.lhs = newVarNode(var, d.name);
                alloc.rhs = newVarNode(ty.vlaSize, d.name);
                block.body.add(newUnary(Kind.EXPR_STMT, size, d.name));
                block.body.add(newUnary(Kind.EXPR_STMT, alloc, d.name));
                vlaDeclared = true;
                continue;
            }
            if (ty.kind == Type.Kind.PTR && ty.base.kind == Type.Kind.VLA && ty.base.vlaSize == null)
                block.body.add(newUnary(Kind.EXPR_STMT, computeVlaSize(ty.base, d.name), d.name));
            Obj var = newLvar(d.name.text, ty);
            var.tok = d.name;
            var.asmName = asmName;
            if (attr.align != 0) var.align = attr.align;
            if (var.align > 16) {
                // the frame is only 16-byte aligned: carve over-aligned locals out of the stack like VLAs
                if (var.ty.size < 0) throw d.name.error("storage size of '" + d.name.text + "' isn't known");
                var.isIndirect = true;
                Node alloc = newNode(Kind.VLA_ALLOC, d.name);
                alloc.lhs = newVarNode(var, d.name);
                alloc.rhs = newULong(var.ty.size, d.name);
                alloc.val = var.align;
                block.body.add(newUnary(Kind.EXPR_STMT, alloc, d.name));
                vlaDeclared = true;
            }
            if (equal("=")) {
                Token eq = advance();
                Node expr = newUnary(Kind.EXPR_STMT, lvarInitializer(var, eq), eq);
                block.body.add(expr);
            }
            if (var.ty.size < 0) throw d.name.error("storage size of '" + d.name.text + "' isn't known");
        }
        return block;
    }

    // ---- initializers ----

    /** The tree of initial values for one object, mirroring the shape of its type. */
    private static final class Initializer {
        Type ty;
        Token tok;
        boolean isFlexible;
        Node expr;
        Initializer[] children;
        Member mem;
    }

    private static Initializer newInitializer(Type ty, boolean isFlexible) {
        Initializer init = new Initializer();
        init.ty = ty;
        if (ty.kind == Type.Kind.ARRAY) {
            if (isFlexible && ty.arrayLen < 0) {
                init.isFlexible = true;
                return init;
            }
            int n = Math.max(ty.arrayLen, 0);
            init.children = new Initializer[n];
            for (int i = 0; i < n; i++) init.children[i] = newInitializer(ty.base, false);
            return init;
        }
        if (ty.isStructOrUnion()) {
            int n = ty.members.size();
            init.children = new Initializer[n];
            for (int i = 0; i < n; i++) {
                Member m = ty.members.get(i);
                if (isFlexible && ty.isFlexible && i == n - 1) {
                    Initializer child = new Initializer();
                    child.ty = Type.arrayOf(m.ty.base, -1);
                    child.isFlexible = true;
                    init.children[i] = child;
                } else {
                    init.children[i] = newInitializer(m.ty, false);
                }
            }
        }
        return init;
    }

    private static void replace(Initializer dst, Initializer src) {
        dst.ty = src.ty;
        dst.isFlexible = src.isFlexible;
        dst.expr = src.expr;
        dst.children = src.children;
        dst.mem = src.mem;
    }

    private boolean isEnd() {
        return equal("}") || (equal(",") && tok.next.is("}"));
    }

    private boolean consumeEnd() {
        if (equal("}")) { advance(); return true; }
        if (equal(",") && tok.next.is("}")) { advance(); advance(); return true; }
        return false;
    }

    private void skipExcessElement() {
        if (equal("{")) {
            advance();
            skipExcessElement();
            skip("}");
            return;
        }
        assign();
    }

    private void stringInitializer(Initializer init) {
        Token str = advance();
        int elemSize = init.ty.base.size;
        Type strTy = str.ty;
        if (strTy.base.size != elemSize) throw str.error("array of inappropriate type initialized from string constant");
        int strLen = str.str.length / elemSize;
        if (init.isFlexible) replace(init, newInitializer(Type.arrayOf(init.ty.base, strLen), false));
        int len = Math.min(init.ty.arrayLen, strLen);
        for (int i = 0; i < len; i++) {
            long v = 0;
            for (int b = elemSize - 1; b >= 0; b--) v = (v << 8) | (str.str[i * elemSize + b] & 0xff);
            if (elemSize == 1 && !init.ty.base.isUnsigned) v = (byte) v;
            init.children[i].expr = newNum(v, str);
        }
    }

    private int countArrayInitElements(Type ty) {
        Token start = tok;
        Initializer dummy = newInitializer(ty.base, true);
        int i = 0, max = 0;
        boolean first = true;
        while (!consumeEnd()) {
            if (!first) skip(",");
            first = false;
            if (equal("[")) {
                advance();
                i = (int) constExpr();
                if (consume("...")) i = (int) constExpr();
                skip("]");
                designation(dummy);
            } else {
                initializer2(dummy);
            }
            i++;
            max = Math.max(max, i);
        }
        tok = start;
        return max;
    }

    private int[] arrayDesignator(Type ty) {
        Token start = tok;
        advance();
        long begin = constExpr();
        if (begin < 0 || begin >= ty.arrayLen) throw start.next.error("array index in initializer exceeds array bounds");
        long end = begin;
        if (consume("...")) {
            end = constExpr();
            if (end >= ty.arrayLen) throw start.next.error("array index in initializer exceeds array bounds");
            if (end < begin) throw start.next.error("empty index range in initializer");
        }
        skip("]");
        return new int[] {(int) begin, (int) end};
    }

    private Member structDesignator(Type ty) {
        Token start = tok;
        skip(".");
        if (tok.kind != Token.Kind.IDENT) throw tok.error("expected a field designator");
        for (Member m : ty.members) {
            if (m.name == null && m.ty.isStructOrUnion()) {
                if (getStructMember(m.ty, tok.text) != null) {
                    tok = start;
                    return m;
                }
                continue;
            }
            if (m.name != null && m.name.text.equals(tok.text)) {
                advance();
                return m;
            }
        }
        throw tok.error("unknown field '" + tok.text + "' specified in initializer");
    }

    private void designation(Initializer init) {
        if (equal("[")) {
            if (init.ty.kind != Type.Kind.ARRAY) throw tok.error("array index in non-array initializer");
            int[] r = arrayDesignator(init.ty);
            Token start = tok;
            Token after = tok;
            for (int i = r[0]; i <= r[1]; i++) {
                tok = start;
                designation(init.children[i]);
                after = tok;
            }
            tok = after;
            arrayInitializer2(init, r[0] + 1);
            return;
        }
        if (equal(".") && init.ty.kind == Type.Kind.STRUCT) {
            Member m = structDesignator(init.ty);
            designation(init.children[m.idx]);
            init.expr = null;
            structInitializer2(init, m.idx + 1, false);
            return;
        }
        if (equal(".") && init.ty.kind == Type.Kind.UNION) {
            Member m = structDesignator(init.ty);
            init.mem = m;
            designation(init.children[m.idx]);
            return;
        }
        if (equal(".")) throw tok.error("field name not in record or union initializer");
        skip("=");
        initializer2(init);
    }

    private void arrayInitializer1(Initializer init) {
        skip("{");
        if (init.isFlexible) {
            int len = countArrayInitElements(init.ty);
            replace(init, newInitializer(Type.arrayOf(init.ty.base, len), false));
        }
        boolean first = true;
        for (int i = 0; !consumeEnd(); i++) {
            if (!first) skip(",");
            first = false;
            if (equal("[")) {
                int[] r = arrayDesignator(init.ty);
                Token start = tok;
                Token after = tok;
                for (int j = r[0]; j <= r[1]; j++) {
                    tok = start;
                    designation(init.children[j]);
                    after = tok;
                }
                tok = after;
                i = r[1];
                continue;
            }
            if (i < init.ty.arrayLen) initializer2(init.children[i]);
            else skipExcessElement();
        }
    }

    private void arrayInitializer2(Initializer init, int i) {
        if (init.isFlexible) {
            int len = countArrayInitElements(init.ty);
            replace(init, newInitializer(Type.arrayOf(init.ty.base, len), false));
        }
        for (; i < init.ty.arrayLen && !isEnd(); i++) {
            Token start = tok;
            if (i > 0) skip(",");
            if (equal("[") || equal(".")) {
                tok = start;
                return;
            }
            initializer2(init.children[i]);
        }
    }

    private static int nextInitMember(Type ty, int idx) {
        while (idx < ty.members.size()) {
            Member m = ty.members.get(idx);
            if (!(m.isBitfield && m.name == null)) return idx;
            idx++;
        }
        return idx;
    }

    private void structInitializer1(Initializer init) {
        skip("{");
        int idx = nextInitMember(init.ty, 0);
        boolean first = true;
        while (!consumeEnd()) {
            if (!first) skip(",");
            first = false;
            if (equal(".")) {
                Member m = structDesignator(init.ty);
                designation(init.children[m.idx]);
                idx = nextInitMember(init.ty, m.idx + 1);
                continue;
            }
            if (idx < init.ty.members.size()) {
                initializer2(init.children[idx]);
                idx = nextInitMember(init.ty, idx + 1);
            } else {
                skipExcessElement();
            }
        }
    }

    private void structInitializer2(Initializer init, int idx, boolean first) {
        for (idx = nextInitMember(init.ty, idx); idx < init.ty.members.size() && !isEnd(); idx = nextInitMember(init.ty, idx + 1)) {
            Token start = tok;
            if (!first) skip(",");
            first = false;
            if (equal("[") || equal(".")) {
                tok = start;
                return;
            }
            initializer2(init.children[idx]);
        }
    }

    private void unionInitializer(Initializer init) {
        if (init.ty.members.isEmpty()) {
            if (equal("{")) { advance(); consume(","); skip("}"); }
            return;
        }
        if (equal("{") && tok.next.is(".")) {
            advance();
            Member m = structDesignator(init.ty);
            init.mem = m;
            designation(init.children[m.idx]);
            consume(",");
            skip("}");
            return;
        }
        init.mem = init.ty.members.get(0);
        if (equal("{")) {
            advance();
            if (!equal("}")) initializer2(init.children[0]);
            consume(",");
            skip("}");
        } else {
            initializer2(init.children[0]);
        }
    }

    private void initializer2(Initializer init) {
        enter();
        try {
            init.tok = tok;
            if (init.ty.kind == Type.Kind.ARRAY && tok.kind == Token.Kind.STR) {
                stringInitializer(init);
                return;
            }
            if (init.ty.kind == Type.Kind.ARRAY && equal("{") && tok.next.kind == Token.Kind.STR && tok.next.next.is("}")
                    && init.ty.base.isInteger()) {
                advance();
                stringInitializer(init);
                skip("}");
                return;
            }
            if (init.ty.kind == Type.Kind.ARRAY) {
                if (equal("{")) arrayInitializer1(init);
                else arrayInitializer2(init, 0);
                return;
            }
            if (init.ty.kind == Type.Kind.STRUCT) {
                if (equal("{")) {
                    structInitializer1(init);
                    return;
                }
                Token start = tok;
                Node expr = assign();
                Typer.addType(expr);
                if (expr.ty.isStructOrUnion()) {
                    init.expr = expr;
                    return;
                }
                tok = start;
                structInitializer2(init, 0, true);
                return;
            }
            if (init.ty.kind == Type.Kind.UNION) {
                if (!equal("{")) {
                    Token start = tok;
                    Node expr = assign();
                    Typer.addType(expr);
                    if (expr.ty.isStructOrUnion()) {
                        init.expr = expr;
                        return;
                    }
                    tok = start;
                }
                unionInitializer(init);
                return;
            }
            if (equal("{")) {
                advance();
                if (equal("}")) {
                    init.expr = newNum(0, tok);
                    advance();
                    return;
                }
                initializer2(init);
                consume(",");
                skip("}");
                return;
            }
            init.expr = assign();
        } finally {
            leave();
        }
    }

    private Initializer initializer(Type ty, Type[] newTy) {
        Initializer init = newInitializer(ty, true);
        initializer2(init);
        if (ty.isStructOrUnion() && ty.isFlexible) {
            Type t = ty.copy();
            t.members = new ArrayList<>(ty.members);
            Member last = t.members.get(t.members.size() - 1);
            Member copy = new Member();
            copy.ty = init.children[last.idx].ty;
            copy.name = last.name;
            copy.tok = last.tok;
            copy.idx = last.idx;
            copy.align = last.align;
            copy.offset = last.offset;
            t.members.set(t.members.size() - 1, copy);
            if (copy.ty.arrayLen > 0) t.size = Math.max(t.size, copy.offset + copy.ty.size);
            newTy[0] = t;
            return init;
        }
        newTy[0] = init.ty;
        return init;
    }

    /** How to reach one element of a local being initialized: a chain of indices and members from the variable. */
    private record Designator(Designator parent, int idx, Member member, Obj var) { }

    private Node initDesignatorExpr(Designator d, Token tok) {
        if (d.var != null) return newVarNode(d.var, tok);
        if (d.member != null) {
            Node n = newUnary(Kind.MEMBER, initDesignatorExpr(d.parent, tok), tok);
            n.member = d.member;
            return n;
        }
        Node lhs = initDesignatorExpr(d.parent, tok);
        Node rhs = newNum(d.idx, tok);
        return newUnary(Kind.DEREF, newAdd(lhs, rhs, tok), tok);
    }

    private Node createLvarInit(Initializer init, Type ty, Designator desig, Token tok) {
        if (ty.kind == Type.Kind.ARRAY) {
            Node node = newNode(Kind.NULL_EXPR, tok);
            for (int i = 0; i < ty.arrayLen; i++) {
                Node rhs = createLvarInit(init.children[i], ty.base, new Designator(desig, i, null, null), tok);
                node = newBinary(Kind.COMMA, node, rhs, tok);
            }
            return node;
        }
        if (ty.kind == Type.Kind.STRUCT && init.expr == null) {
            Node node = newNode(Kind.NULL_EXPR, tok);
            for (Member m : ty.members) {
                Node rhs = createLvarInit(init.children[m.idx], m.ty, new Designator(desig, 0, m, null), tok);
                node = newBinary(Kind.COMMA, node, rhs, tok);
            }
            return node;
        }
        if (ty.kind == Type.Kind.UNION && init.expr == null) {
            if (ty.members.isEmpty()) return newNode(Kind.NULL_EXPR, tok);
            Member m = init.mem != null ? init.mem : ty.members.get(0);
            return createLvarInit(init.children[m.idx], m.ty, new Designator(desig, 0, m, null), tok);
        }
        if (init.expr == null) return newNode(Kind.NULL_EXPR, tok);
        Node lhs = initDesignatorExpr(desig, tok);
        return newBinary(Kind.ASSIGN, lhs, init.expr, init.tok != null ? init.tok : tok);
    }

    private Node lvarInitializer(Obj var, Token tok) {
        Type[] newTy = new Type[1];
        Initializer init = initializer(var.ty, newTy);
        var.ty = newTy[0];
        Node zero = newNode(Kind.MEMZERO, tok);
        zero.var = var;
        Node rhs = createLvarInit(init, var.ty, new Designator(null, 0, null, var), tok);
        return newBinary(Kind.COMMA, zero, rhs, tok);
    }

    private void gvarInitializer(Obj var) {
        Type[] newTy = new Type[1];
        Initializer init = initializer(var.ty, newTy);
        var.ty = newTy[0];
        if (var.ty.size < 0) throw var.tok.error("storage size of '" + var.tok.text + "' isn't known");
        byte[] buf = new byte[var.ty.size];
        List<Obj.Relocation> rels = new ArrayList<>();
        writeGvarData(rels, buf, init, var.ty, 0);
        var.initData = buf;
        var.rels = rels;
        var.isTentative = false;
    }

    private static void writeBuf(byte[] buf, int offset, long val, int size) {
        for (int i = 0; i < size; i++) buf[offset + i] = (byte) (val >>> (8 * i));
    }

    private static long readBuf(byte[] buf, int offset, int size) {
        long v = 0;
        for (int i = size - 1; i >= 0; i--) v = (v << 8) | (buf[offset + i] & 0xff);
        return v;
    }

    /**
     * A long double constant expression evaluated as the x87 would: every operation rounded to 64 mantissa bits.
     * Null when some part is not representable this way (infinities, NaNs, unsupported operators).
     */
    private byte[] exactLdouble(Node n) {
        Typer.addType(n);
        if (n.ty.kind != Type.Kind.LDOUBLE) {
            if (n.ty.isInteger()) {
                long v = eval(n);
                java.math.BigInteger b = n.ty.isUnsigned && n.ty.size == 8 ? new java.math.BigInteger(Long.toUnsignedString(v))
                                                                         : java.math.BigInteger.valueOf(v);
                return LongDouble.round(b, java.math.BigInteger.ONE);
            }
            if (n.ty.isFlonum()) {
                double d = evalDouble(n);
                if (Double.isNaN(d) || Double.isInfinite(d)) return null;
                java.math.BigDecimal bd = new java.math.BigDecimal(d);
                java.math.BigInteger num = bd.unscaledValue(), den = java.math.BigInteger.ONE;
                if (bd.scale() > 0) den = java.math.BigInteger.TEN.pow(bd.scale());
                else num = num.multiply(java.math.BigInteger.TEN.pow(-bd.scale()));
                return LongDouble.round(num, den);
            }
            return null;
        }
        switch (n.kind) {
            case NUM: return n.ldval != null ? n.ldval : null;
            case CAST: return exactLdouble(n.lhs);
            case NEG: {
                byte[] x = exactLdouble(n.lhs);
                return x == null ? null : LongDouble.negate(x);
            }
            case ADD: case SUB: case MUL: case DIV: {
                byte[] a = exactLdouble(n.lhs), b = exactLdouble(n.rhs);
                if (a == null || b == null) return null;
                java.math.BigInteger[] x = LongDouble.toRational(a), y = LongDouble.toRational(b);
                if (x == null || y == null) return null;
                java.math.BigInteger num, den;
                switch (n.kind) {
                    case ADD -> { num = x[0].multiply(y[1]).add(y[0].multiply(x[1])); den = x[1].multiply(y[1]); }
                    case SUB -> { num = x[0].multiply(y[1]).subtract(y[0].multiply(x[1])); den = x[1].multiply(y[1]); }
                    case MUL -> { num = x[0].multiply(y[0]); den = x[1].multiply(y[1]); }
                    default -> {
                        if (y[0].signum() == 0) return null;
                        num = x[0].multiply(y[1]);
                        den = x[1].multiply(y[0]);
                        if (den.signum() < 0) { num = num.negate(); den = den.negate(); }
                    }
                }
                return LongDouble.round(num, den);
            }
            case COND:
                return eval(n.cond) != 0 ? exactLdouble(n.then) : exactLdouble(n.els);
            default: return null;
        }
    }

    private void writeGvarData(List<Obj.Relocation> rels, byte[] buf, Initializer init, Type ty, int offset) {
        if (ty.kind == Type.Kind.ARRAY) {
            for (int i = 0; i < ty.arrayLen; i++)
                writeGvarData(rels, buf, init.children[i], ty.base, offset + ty.base.size * i);
            return;
        }
        if (ty.kind == Type.Kind.STRUCT && init.expr == null) {
            for (Member m : ty.members) {
                Initializer child = init.children[m.idx];
                if (m.isBitfield) {
                    if (child.expr == null) continue;
                    int loc = offset + m.offset;
                    long old = readBuf(buf, loc, m.ty.size);
                    long v = eval(child.expr);
                    long mask = m.bitWidth == 64 ? -1L : (1L << m.bitWidth) - 1;
                    long combined = old | ((v & mask) << m.bitOffset);
                    writeBuf(buf, loc, combined, m.ty.size);
                } else {
                    if (offset + m.offset + Math.max(0, m.ty.size) > buf.length) continue;
                    writeGvarData(rels, buf, child, m.ty, offset + m.offset);
                }
            }
            return;
        }
        if (ty.kind == Type.Kind.UNION && init.expr == null) {
            if (init.mem == null) return;
            Member m = init.mem;
            Initializer child = init.children[m.idx];
            if (m.isBitfield) {
                if (child.expr == null) return;
                long mask = m.bitWidth == 64 ? -1L : (1L << m.bitWidth) - 1;
                writeBuf(buf, offset, eval(child.expr) & mask, m.ty.size);
                return;
            }
            writeGvarData(rels, buf, child, m.ty, offset);
            return;
        }
        if (init.expr == null) return;
        Node expr = init.expr;
        Typer.addType(expr);
        if (ty.isStructOrUnion()) throw expr.tok.error("initializer element is not constant");
        if (ty.kind == Type.Kind.FLOAT) {
            writeBuf(buf, offset, Float.floatToRawIntBits((float) evalDouble(expr)), 4);
            return;
        }
        if (ty.kind == Type.Kind.DOUBLE) {
            writeBuf(buf, offset, Double.doubleToRawLongBits(evalDouble(expr)), 8);
            return;
        }
        if (ty.kind == Type.Kind.LDOUBLE) {
            byte[] x = exactLdouble(expr);
            if (x == null) x = Codegen.toX87(evalDouble(expr));
            System.arraycopy(x, 0, buf, offset, 10);
            return;
        }
        String[] label = new String[1];
        Node cast = newCast(expr, ty);
        long val = eval2(cast, label);
        if (label[0] == null) {
            writeBuf(buf, offset, val, ty.size);
            return;
        }
        if (ty.size != 8) throw expr.tok.error("initializer element is not computable at load time");
        rels.add(new Obj.Relocation(offset, label[0], val));
    }

    // ---- statements ----

    private Node compoundStmt(Token start) {
        Node node = newNode(Kind.BLOCK, start);
        boolean outerVla = vlaDeclared;
        vlaDeclared = false;
        enterScope();
        while (!equal("}")) {
            if (tok.kind == Token.Kind.EOF) throw tok.error("expected '}' at end of input");
            if (equal("_Static_assert")) { staticAssert(); continue; }
            if (isTypename(tok) && !tok.next.is(":")) {
                VarAttr attr = new VarAttr();
                Type basety = declspec(attr);
                if (attr.isTypedef) {
                    parseTypedef(basety);
                    continue;
                }
                node.body.add(declaration(basety, attr));
            } else {
                node.body.add(stmt());
            }
        }
        advance();
        leaveScope();
        if (vlaDeclared && currentFn != null) {
            Obj sp = newLvar("", Type.pointerTo(Type.VOID));
            Node save = newNode(Kind.SAVE_SP, start);
            save.var = sp;
            Node restore = newNode(Kind.RESTORE_SP, start);
            restore.var = sp;
            node.body.add(0, save);
            node.body.add(restore);
        }
        vlaDeclared = outerVla || vlaDeclared;
        for (Node n : node.body) Typer.addType(n);
        return node;
    }

    private Node stmt() {
        enter();
        try {
            return stmt0();
        } finally {
            leave();
        }
    }

    private Node stmt0() {
        Token start = tok;
        if (consume("return")) {
            Node node = newNode(Kind.RETURN, start);
            if (consume(";")) {
                return node;
            }
            Node exp = expr();
            skip(";");
            Typer.addType(exp);
            Type ret = currentFn.ty.returnTy;
            if (ret.kind == Type.Kind.VOID) {
                node.lhs = exp;   // evaluated for its side effects, like gcc's pedantic-free mode
                node.lhs = newCast(exp, Type.VOID);
                return node;
            }
            if (!ret.isStructOrUnion()) exp = newCast(exp, ret);
            else if (!exp.ty.isStructOrUnion()) throw exp.tok.error("incompatible types when returning");
            node.lhs = exp;
            return node;
        }
        if (consume("if")) {
            Node node = newNode(Kind.IF, start);
            skip("(");
            node.cond = expr();
            skip(")");
            node.then = stmt();
            if (consume("else")) node.els = stmt();
            return node;
        }
        if (consume("switch")) {
            Node node = newNode(Kind.SWITCH, start);
            skip("(");
            node.cond = expr();
            Typer.addType(node.cond);
            if (!node.cond.ty.isInteger()) throw node.cond.tok.error("switch quantity not an integer");
            skip(")");
            Node sw = currentSwitch;
            currentSwitch = node;
            String brk = brkLabel;
            brkLabel = node.brkLabel = newUniqueName();
            node.then = stmt();
            currentSwitch = sw;
            brkLabel = brk;
            return node;
        }
        if (consume("case")) {
            if (currentSwitch == null) throw start.error("case label not within a switch statement");
            Node node = newNode(Kind.CASE, start);
            long begin = constExpr();
            long end = begin;
            if (consume("...")) end = constExpr();
            skip(":");
            node.label = newUniqueName();
            node.begin = begin;
            node.end = end;
            for (Node c : currentSwitch.cases)
                if (begin <= c.end && c.begin <= end) throw start.error("duplicate case value");
            currentSwitch.cases.add(node);
            node.lhs = equal("}") ? newNode(Kind.NULL_EXPR, tok) : stmt();
            return node;
        }
        if (consume("default")) {
            if (currentSwitch == null) throw start.error("'default' label not within a switch statement");
            if (currentSwitch.defaultCase != null) throw start.error("multiple default labels in one switch");
            Node node = newNode(Kind.CASE, start);
            skip(":");
            node.label = newUniqueName();
            currentSwitch.defaultCase = node;
            node.lhs = equal("}") ? newNode(Kind.NULL_EXPR, tok) : stmt();
            return node;
        }
        if (consume("for")) {
            Node node = newNode(Kind.FOR, start);
            skip("(");
            enterScope();
            String brk = brkLabel, cont = contLabel;
            brkLabel = node.brkLabel = newUniqueName();
            contLabel = node.contLabel = newUniqueName();
            if (isTypename(tok)) {
                VarAttr attr = new VarAttr();
                Type basety = declspec(attr);
                node.init = declaration(basety, attr);
            } else {
                node.init = exprStmt();
            }
            if (!equal(";")) node.cond = expr();
            skip(";");
            if (!equal(")")) node.inc = expr();
            skip(")");
            boolean outerVla = vlaDeclared;
            vlaDeclared = false;
            node.then = stmt();
            if (vlaDeclared) node.var = newLvar("", Type.pointerTo(Type.VOID));
            vlaDeclared |= outerVla;
            leaveScope();
            brkLabel = brk;
            contLabel = cont;
            return node;
        }
        if (consume("while")) {
            Node node = newNode(Kind.FOR, start);
            skip("(");
            node.cond = expr();
            skip(")");
            String brk = brkLabel, cont = contLabel;
            brkLabel = node.brkLabel = newUniqueName();
            contLabel = node.contLabel = newUniqueName();
            boolean outerVla = vlaDeclared;
            vlaDeclared = false;
            node.then = stmt();
            if (vlaDeclared) node.var = newLvar("", Type.pointerTo(Type.VOID));
            vlaDeclared |= outerVla;
            brkLabel = brk;
            contLabel = cont;
            return node;
        }
        if (consume("do")) {
            Node node = newNode(Kind.DO, start);
            String brk = brkLabel, cont = contLabel;
            brkLabel = node.brkLabel = newUniqueName();
            contLabel = node.contLabel = newUniqueName();
            boolean outerVla = vlaDeclared;
            vlaDeclared = false;
            node.then = stmt();
            if (vlaDeclared) node.var = newLvar("", Type.pointerTo(Type.VOID));
            vlaDeclared |= outerVla;
            brkLabel = brk;
            contLabel = cont;
            skip("while");
            skip("(");
            node.cond = expr();
            skip(")");
            skip(";");
            return node;
        }
        if (equal("__asm__") || equal("asm") || equal("__asm")) return asmStatement();
        if (consume("goto")) {
            if (consume("*")) {
                Node node = newNode(Kind.GOTO_EXPR, start);
                node.lhs = expr();
                skip(";");
                return node;
            }
            if (tok.kind != Token.Kind.IDENT) throw tok.error("expected identifier before '" + tok.text + "'");
            Node node = newNode(Kind.GOTO, start);
            node.label = advance().text;
            gotos.add(node);
            skip(";");
            return node;
        }
        if (consume("break")) {
            if (brkLabel == null) throw start.error("break statement not within loop or switch");
            Node node = newNode(Kind.GOTO, start);
            node.uniqueLabel = brkLabel;
            skip(";");
            return node;
        }
        if (consume("continue")) {
            if (contLabel == null) throw start.error("continue statement not within a loop");
            Node node = newNode(Kind.GOTO, start);
            node.uniqueLabel = contLabel;
            skip(";");
            return node;
        }
        if (tok.kind == Token.Kind.IDENT && tok.next.is(":")) {
            Node node = newNode(Kind.LABEL, start);
            node.label = advance().text;
            node.uniqueLabel = labelSymbol(node.label);
            advance();
            while (equal("__attribute__")) attributeList(null, null);
            node.lhs = equal("}") ? newNode(Kind.NULL_EXPR, tok) : stmt();
            for (Node l : labels)
                if (l.label.equals(node.label)) throw start.error("duplicate label '" + node.label + "'");
            labels.add(node);
            return node;
        }
        if (equal("{")) {
            advance();
            return compoundStmt(start);
        }
        return exprStmt();
    }

    private String stringLiteralText() {
        if (tok.kind != Token.Kind.STR) throw tok.error("expected string literal before '" + tok.text + "'");
        StringBuilder sb = new StringBuilder();
        while (tok.kind == Token.Kind.STR) {
            if (tok.ty.base.size != 1) throw tok.error("wide string literal in 'asm'");
            sb.append(new String(tok.str, 0, tok.str.length - 1, java.nio.charset.StandardCharsets.ISO_8859_1));
            advance();
        }
        return sb.toString();
    }

    /** GNU asm: {@code asm [volatile] ("template" [: outputs [: inputs [: clobbers]]]);} */
    private Node asmStatement() {
        Node node = newNode(Kind.ASM, tok);
        advance();
        while (equal("volatile") || equal("__volatile__") || equal("__volatile") || equal("inline") || equal("__inline__")) advance();
        if (equal("goto")) throw tok.error("'asm goto' is not supported");
        skip("(");
        node.asmTemplate = stringLiteralText();
        boolean extended = false;
        if (consume(":")) {
            extended = true;
            asmOperands(node.asmOutputs, true);
            if (consume(":")) {
                asmOperands(node.asmInputs, false);
                if (consume(":")) {
                    while (tok.kind == Token.Kind.STR) {
                        node.asmClobbers.add(stringLiteralText());
                        if (!consume(",")) break;
                    }
                }
            }
        }
        skip(")");
        skip(";");
        if (!extended) node.asmTemplate = node.asmTemplate.replace("%", "%%");
        return node;
    }

    private void asmOperands(List<Node.AsmOperand> out, boolean isOutput) {
        if (equal(":") || equal(")")) return;
        while (true) {
            String name = null;
            if (consume("[")) {
                if (tok.kind != Token.Kind.IDENT) throw tok.error("expected identifier");
                name = advance().text;
                skip("]");
            }
            Token ctok = tok;
            String constraint = stringLiteralText();
            skip("(");
            Node e = expr();
            skip(")");
            Typer.addType(e);
            if (isOutput) {
                if (!constraint.startsWith("=") && !constraint.startsWith("+")) throw ctok.error("output operand constraint lacks '='");
                if (!Typer.isLvalue(e)) throw e.tok.error("invalid lvalue in asm output");
            }
            out.add(new Node.AsmOperand(name, constraint, e));
            if (!consume(",")) break;
        }
    }

    private Node exprStmt() {
        Token start = tok;
        if (consume(";")) return newNode(Kind.BLOCK, start);
        Node node = newNode(Kind.EXPR_STMT, start);
        node.lhs = expr();
        skip(";");
        return node;
    }

    /** Labels get a fixed symbol so that &&label can be used before the label is seen (static initializers). */
    private String labelSymbol(String name) { return ".L.label." + currentFn.name + "." + name; }

    private void resolveGotoLabels() {
        for (Node g : gotos) {
            boolean found = false;
            for (Node l : labels) {
                if (g.label.equals(l.label)) {
                    g.uniqueLabel = l.uniqueLabel;
                    found = true;
                    break;
                }
            }
            if (!found) throw g.tok.next.error("label '" + g.label + "' used but not defined");
        }
    }

    // ---- expressions ----

    private Node expr() {
        Node node = assign();
        while (equal(",")) {
            Token t = advance();
            node = newBinary(Kind.COMMA, node, assign(), t);
        }
        return node;
    }

    long constExpr() {
        Node n = conditional();
        return eval(n);
    }

    private boolean isConstExpr(Node n) {
        Typer.addType(n);
        return switch (n.kind) {
            case ADD, SUB, MUL, DIV, BITAND, BITOR, BITXOR, SHL, SHR, EQ, NE, LT, LE, LOGAND, LOGOR, MOD ->
                isConstExpr(n.lhs) && isConstExpr(n.rhs);
            case COND -> isConstExpr(n.cond) && isConstExpr(n.then) && isConstExpr(n.els);
            case COMMA -> isConstExpr(n.rhs);
            case NEG, NOT, BITNOT, CAST -> isConstExpr(n.lhs);
            case NUM -> true;
            default -> false;
        };
    }

    long eval(Node n) { return eval2(n, null); }

    private long eval2(Node n, String[] label) {
        Typer.addType(n);
        if (n.ty.isFlonum()) return (long) evalDouble(n);
        switch (n.kind) {
            case ADD: return eval2(n.lhs, label) + eval(n.rhs);
            case SUB: return eval2(n.lhs, label) - eval(n.rhs);
            case MUL: return eval(n.lhs) * eval(n.rhs);
            case DIV: case MOD: {
                long a = eval(n.lhs), b = eval(n.rhs);
                if (b == 0) throw n.tok.error("division by zero in constant expression");
                boolean u = n.ty.isUnsigned;
                if (n.ty.size == 4) {
                    if (u) { a &= 0xffffffffL; b &= 0xffffffffL; }
                    else { a = (int) a; b = (int) b; }
                    long r = n.kind == Kind.DIV ? a / b : a % b;
                    return u ? (int) r : r;
                }
                if (u) return n.kind == Kind.DIV ? Long.divideUnsigned(a, b) : Long.remainderUnsigned(a, b);
                return n.kind == Kind.DIV ? a / b : a % b;
            }
            case NEG: return -eval(n.lhs);
            case BITAND: return eval(n.lhs) & eval(n.rhs);
            case BITOR: return eval(n.lhs) | eval(n.rhs);
            case BITXOR: return eval(n.lhs) ^ eval(n.rhs);
            case SHL: return eval(n.lhs) << eval(n.rhs);
            case SHR: {
                long a = eval(n.lhs);
                long s = eval(n.rhs);
                if (n.ty.isUnsigned && n.ty.size == 8) return a >>> s;
                if (n.ty.isUnsigned) return (int) ((a & 0xffffffffL) >>> s);
                return a >> s;
            }
            case EQ: return eval(n.lhs) == eval(n.rhs) ? 1 : 0;
            case NE: return eval(n.lhs) != eval(n.rhs) ? 1 : 0;
            case LT: case LE: {
                Type t = n.lhs.ty;
                if (t.isFlonum()) {
                    double a = evalDouble(n.lhs), b = evalDouble(n.rhs);
                    return (n.kind == Kind.LT ? a < b : a <= b) ? 1 : 0;
                }
                long a = eval(n.lhs), b = eval(n.rhs);
                int c = t.isUnsigned ? Long.compareUnsigned(a, b) : Long.compare(a, b);
                return (n.kind == Kind.LT ? c < 0 : c <= 0) ? 1 : 0;
            }
            case COND: return eval(n.cond) != 0 ? eval2(n.then, label) : eval2(n.els, label);
            case COMMA: return eval2(n.rhs, label);
            case NOT: return isZero(n.lhs) ? 1 : 0;
            case BITNOT: return ~eval(n.lhs);
            case LOGAND: return !isZero(n.lhs) && !isZero(n.rhs) ? 1 : 0;
            case LOGOR: return !isZero(n.lhs) || !isZero(n.rhs) ? 1 : 0;
            case CAST: {
                long v;
                if (n.lhs.ty.isFlonum()) {
                    double d = evalDouble(n.lhs);
                    if (n.ty.kind == Type.Kind.BOOL) return d != 0 ? 1 : 0;
                    if (n.ty.isUnsigned && n.ty.size == 8 && d >= 9.223372036854775807E18)
                        v = (long) (d - 9.223372036854775807E18) + Long.MIN_VALUE;
                    else v = (long) d;
                } else {
                    v = eval2(n.lhs, label);
                }
                if (n.ty.kind == Type.Kind.BOOL) return v != 0 || (label != null && label[0] != null) ? 1 : 0;
                if (n.ty.isInteger() && label != null && label[0] != null && n.ty.size < 8)
                    throw n.tok.error("initializer element is not computable at load time");
                if (n.ty.isInteger()) {
                    return switch (n.ty.size) {
                        case 1 -> n.ty.isUnsigned ? v & 0xff : (byte) v;
                        case 2 -> n.ty.isUnsigned ? v & 0xffff : (short) v;
                        case 4 -> n.ty.isUnsigned ? v & 0xffffffffL : (int) v;
                        default -> v;
                    };
                }
                return v;
            }
            case ADDR: return evalRval(n.lhs, label);
            case LABEL_VAL:
                if (label == null) break;
                label[0] = n.uniqueLabel;
                return 0;
            case MEMBER:
                if (label == null) break;
                if (n.ty.kind != Type.Kind.ARRAY) break;
                return evalRval(n.lhs, label) + n.member.offset;
            case VAR:
                if (label == null) break;
                if (n.var.ty.kind != Type.Kind.ARRAY && n.var.ty.kind != Type.Kind.FUNC) break;
                if (n.var.isLocal) break;
                label[0] = n.var.symbol();
                return 0;
            case NUM: return n.val;
            default: break;
        }
        throw n.tok.error(label == null ? "expression is not an integer constant expression" : "initializer element is not constant");
    }

    private boolean isZero(Node n) {
        Typer.addType(n);
        if (n.ty.isFlonum()) return evalDouble(n) == 0;
        String[] label = new String[1];
        long v = eval2(n, label);
        return v == 0 && label[0] == null;
    }

    private long evalRval(Node n, String[] label) {
        switch (n.kind) {
            case VAR:
                if (n.var.isLocal) throw n.tok.error("initializer element is not constant");
                label[0] = n.var.symbol();
                return 0;
            case DEREF: return eval2(n.lhs, label);
            case MEMBER: return evalRval(n.lhs, label) + n.member.offset;
            default: throw n.tok.error("initializer element is not constant");
        }
    }

    private double evalDouble(Node n) {
        Typer.addType(n);
        if (n.ty.isInteger()) {
            long v = eval(n);
            if (n.ty.isUnsigned && n.ty.size == 8 && v < 0) return (double) (v >>> 1) * 2.0 + (v & 1);
            return v;
        }
        switch (n.kind) {
            case ADD: return evalDouble(n.lhs) + evalDouble(n.rhs);
            case SUB: return evalDouble(n.lhs) - evalDouble(n.rhs);
            case MUL: return evalDouble(n.lhs) * evalDouble(n.rhs);
            case DIV: return evalDouble(n.lhs) / evalDouble(n.rhs);
            case NEG: return -evalDouble(n.lhs);
            case COND: return eval(n.cond) != 0 ? evalDouble(n.then) : evalDouble(n.els);
            case COMMA: return evalDouble(n.rhs);
            case CAST:
                if (n.lhs.ty.isFlonum()) {
                    double d = evalDouble(n.lhs);
                    return n.ty.kind == Type.Kind.FLOAT ? (float) d : d;
                }
                double d = evalDouble(n.lhs);
                return n.ty.kind == Type.Kind.FLOAT ? (float) d : d;
            case NUM: return n.fval;
            default: throw n.tok.error("initializer element is not constant");
        }
    }

    /** Turns {@code A op= B} into {@code tmp = &A, *tmp = *tmp op B}, evaluating A once. */
    private Node toAssign(Node binary) {
        Typer.addType(binary.lhs);
        Typer.addType(binary.rhs);
        Token t = binary.tok;
        Node lhs = binary.lhs;
        if (lhs.kind == Kind.MEMBER) {
            // keep bit-field members as members: tmp = &A.base, (*tmp).x = (*tmp).x op C
            Obj var = newLvar("", Type.pointerTo(lhs.lhs.ty));
            Node expr1 = newBinary(Kind.ASSIGN, newVarNode(var, t), newUnary(Kind.ADDR, lhs.lhs, t), t);
            Node e2l = newUnary(Kind.MEMBER, newUnary(Kind.DEREF, newVarNode(var, t), t), t);
            e2l.member = lhs.member;
            Node e2r = newUnary(Kind.MEMBER, newUnary(Kind.DEREF, newVarNode(var, t), t), t);
            e2r.member = lhs.member;
            Node expr2 = newBinary(Kind.ASSIGN, e2l, newBinary(binary.kind, e2r, binary.rhs, t), t);
            return newBinary(Kind.COMMA, expr1, expr2, t);
        }
        Obj var = newLvar("", Type.pointerTo(lhs.ty));
        Node expr1 = newBinary(Kind.ASSIGN, newVarNode(var, t), newUnary(Kind.ADDR, lhs, t), t);
        Node expr2 = newBinary(Kind.ASSIGN, newUnary(Kind.DEREF, newVarNode(var, t), t),
            newBinary(binary.kind, newUnary(Kind.DEREF, newVarNode(var, t), t), binary.rhs, t), t);
        return newBinary(Kind.COMMA, expr1, expr2, t);
    }

    private Node assign() {
        enter();
        try {
            Node node = conditional();
            Token t = tok;
            switch (tok.text) {
                case "=": if (tok.kind == Token.Kind.PUNCT) { advance(); return newBinary(Kind.ASSIGN, node, assign(), t); } break;
                case "+=": advance(); return toAssign(newAdd(node, assign(), t));
                case "-=": advance(); return toAssign(newSub(node, assign(), t));
                case "*=": advance(); return toAssign(newBinary(Kind.MUL, node, assign(), t));
                case "/=": advance(); return toAssign(newBinary(Kind.DIV, node, assign(), t));
                case "%=": advance(); return toAssign(newBinary(Kind.MOD, node, assign(), t));
                case "&=": advance(); return toAssign(newBinary(Kind.BITAND, node, assign(), t));
                case "|=": advance(); return toAssign(newBinary(Kind.BITOR, node, assign(), t));
                case "^=": advance(); return toAssign(newBinary(Kind.BITXOR, node, assign(), t));
                case "<<=": advance(); return toAssign(newBinary(Kind.SHL, node, assign(), t));
                case ">>=": advance(); return toAssign(newBinary(Kind.SHR, node, assign(), t));
                default: break;
            }
            return node;
        } finally {
            leave();
        }
    }

    private Node conditional() {
        Node cond = logor();
        if (!equal("?")) return cond;
        Token t = advance();
        if (equal(":")) {
            // GNU a ?: b
            advance();
            Typer.addType(cond);
            Obj var = newLvar("", cond.ty);
            Node lhs = newBinary(Kind.ASSIGN, newVarNode(var, t), cond, t);
            Node rhs = newNode(Kind.COND, t);
            rhs.cond = newVarNode(var, t);
            rhs.then = newVarNode(var, t);
            rhs.els = conditional();
            return newBinary(Kind.COMMA, lhs, rhs, t);
        }
        Node node = newNode(Kind.COND, t);
        node.cond = cond;
        node.then = expr();
        skip(":");
        node.els = conditional();
        return node;
    }

    private Node logor() {
        Node node = logand();
        while (equal("||")) {
            Token t = advance();
            node = newBinary(Kind.LOGOR, node, logand(), t);
        }
        return node;
    }

    private Node logand() {
        Node node = bitor();
        while (equal("&&")) {
            Token t = advance();
            node = newBinary(Kind.LOGAND, node, bitor(), t);
        }
        return node;
    }

    private Node bitor() {
        Node node = bitxor();
        while (equal("|")) {
            Token t = advance();
            node = newBinary(Kind.BITOR, node, bitxor(), t);
        }
        return node;
    }

    private Node bitxor() {
        Node node = bitand();
        while (equal("^")) {
            Token t = advance();
            node = newBinary(Kind.BITXOR, node, bitand(), t);
        }
        return node;
    }

    private Node bitand() {
        Node node = equality();
        while (equal("&")) {
            Token t = advance();
            node = newBinary(Kind.BITAND, node, equality(), t);
        }
        return node;
    }

    private Node equality() {
        Node node = relational();
        while (true) {
            Token t = tok;
            if (consume("==")) node = newBinary(Kind.EQ, node, relational(), t);
            else if (consume("!=")) node = newBinary(Kind.NE, node, relational(), t);
            else return node;
        }
    }

    private Node relational() {
        Node node = shift();
        while (true) {
            Token t = tok;
            if (consume("<")) node = newBinary(Kind.LT, node, shift(), t);
            else if (consume("<=")) node = newBinary(Kind.LE, node, shift(), t);
            else if (consume(">")) node = newBinary(Kind.LT, shift(), node, t);
            else if (consume(">=")) node = newBinary(Kind.LE, shift(), node, t);
            else return node;
        }
    }

    private Node shift() {
        Node node = add();
        while (true) {
            Token t = tok;
            if (consume("<<")) node = newBinary(Kind.SHL, node, add(), t);
            else if (consume(">>")) node = newBinary(Kind.SHR, node, add(), t);
            else return node;
        }
    }

    /** {@code +} with C's pointer arithmetic: pointer + integer scales by the element size. */
    private Node newAdd(Node lhs, Node rhs, Token t) {
        Typer.addType(lhs);
        Typer.addType(rhs);
        if (lhs.ty.isNumeric() && rhs.ty.isNumeric()) return newBinary(Kind.ADD, lhs, rhs, t);
        if (lhs.ty.base != null && rhs.ty.base != null) throw t.error("invalid operands to binary +");
        if (lhs.ty.base == null && rhs.ty.base != null) {
            Node tmp = lhs;
            lhs = rhs;
            rhs = tmp;
        }
        if (lhs.ty.base == null || !rhs.ty.isInteger()) throw t.error("invalid operands to binary +");
        checkPointerArith(lhs, t);
        rhs = newBinary(Kind.MUL, newCast(rhs, Type.LONG), elementSizeNode(lhs.ty, t), t);
        return newBinary(Kind.ADD, lhs, rhs, t);
    }

    private Node elementSizeNode(Type ptr, Token t) {
        if (ptr.base.kind == Type.Kind.VLA) {
            if (ptr.base.vlaSize == null) throw t.error("pointer to a variable length array of unknown size");
            return newCast(newVarNode(ptr.base.vlaSize, t), Type.LONG);
        }
        return newLong(elementSize(ptr), t);
    }

    private static int elementSize(Type ptr) {
        Type b = ptr.base;
        return b.kind == Type.Kind.VOID || b.kind == Type.Kind.FUNC ? 1 : b.size;
    }

    private void checkPointerArith(Node ptr, Token t) {
        if (ptr.ty.base.size < 0) throw t.error("arithmetic on pointer to an incomplete type");
    }

    private Node newSub(Node lhs, Node rhs, Token t) {
        Typer.addType(lhs);
        Typer.addType(rhs);
        if (lhs.ty.isNumeric() && rhs.ty.isNumeric()) return newBinary(Kind.SUB, lhs, rhs, t);
        if (lhs.ty.base != null && rhs.ty.isInteger()) {
            checkPointerArith(lhs, t);
            rhs = newBinary(Kind.MUL, newCast(rhs, Type.LONG), elementSizeNode(lhs.ty, t), t);
            Typer.addType(rhs);
            Node node = newBinary(Kind.SUB, lhs, rhs, t);
            node.ty = lhs.ty.kind == Type.Kind.ARRAY || lhs.ty.kind == Type.Kind.VLA ? Type.pointerTo(lhs.ty.base) : lhs.ty;
            return node;
        }
        if (lhs.ty.base != null && rhs.ty.base != null) {
            checkPointerArith(lhs, t);
            Node node = newBinary(Kind.SUB, lhs, rhs, t);
            node.ty = Type.LONG;
            return newBinary(Kind.DIV, node, newCast(elementSizeNode(lhs.ty, t), Type.LONG), t);
        }
        throw t.error("invalid operands to binary -");
    }

    private Node add() {
        Node node = mul();
        while (true) {
            Token t = tok;
            if (consume("+")) node = newAdd(node, mul(), t);
            else if (consume("-")) node = newSub(node, mul(), t);
            else return node;
        }
    }

    private Node mul() {
        Node node = cast();
        while (true) {
            Token t = tok;
            if (consume("*")) node = newBinary(Kind.MUL, node, cast(), t);
            else if (consume("/")) node = newBinary(Kind.DIV, node, cast(), t);
            else if (consume("%")) node = newBinary(Kind.MOD, node, cast(), t);
            else return node;
        }
    }

    private Node cast() {
        if (equal("(") && isTypename(tok.next)) {
            Token start = tok;
            advance();
            Type ty = typename();
            skip(")");
            if (equal("{")) {
                tok = start;
                return unary();
            }
            enter();
            try {
                Node operand = cast();
                Typer.addType(operand);
                if (ty.kind != Type.Kind.VOID && (!ty.isScalar() || !operand.ty.isScalar() && operand.ty.kind != Type.Kind.ARRAY && operand.ty.kind != Type.Kind.FUNC))
                    throw start.error(ty.isScalar() ? "invalid cast from a non-scalar type" : "conversion to non-scalar type requested");
                Node node = newCast(operand, ty);
                return node;
            } finally {
                leave();
            }
        }
        return unary();
    }

    private Node unary() {
        enter();
        try {
            return unary0();
        } finally {
            leave();
        }
    }

    private Node unary0() {
        Token t = tok;
        if (consume("+")) {
            Node n = cast();
            Typer.addType(n);
            if (!n.ty.isNumeric()) throw t.error("wrong type argument to unary plus");
            return n.ty.isInteger() && n.ty.size < 4 ? newCast(n, Type.INT) : n;
        }
        if (consume("-")) return newUnary(Kind.NEG, cast(), t);
        if (consume("&")) {
            Node lhs = cast();
            Typer.addType(lhs);
            if (lhs.kind == Kind.MEMBER && lhs.member.isBitfield) throw t.error("cannot take address of bit-field");
            return newUnary(Kind.ADDR, lhs, t);
        }
        if (consume("*")) {
            Node node = cast();
            Typer.addType(node);
            if (node.ty.kind == Type.Kind.FUNC) return node;
            return newUnary(Kind.DEREF, node, t);
        }
        if (consume("!")) return newUnary(Kind.NOT, cast(), t);
        if (consume("~")) return newUnary(Kind.BITNOT, cast(), t);
        if (consume("++")) return toAssign(newAdd(unary(), newNum(1, t), t));
        if (consume("--")) return toAssign(newSub(unary(), newNum(1, t), t));
        if (consume("&&")) {
            if (tok.kind != Token.Kind.IDENT) throw tok.error("expected label name");
            if (currentFn == null) throw t.error("label address outside of a function");
            Node node = newNode(Kind.LABEL_VAL, t);
            node.label = advance().text;
            node.uniqueLabel = labelSymbol(node.label);
            gotos.add(node);
            return node;
        }
        if (equal("sizeof")) {
            advance();
            if (equal("(") && isTypename(tok.next)) {
                Token start = tok;
                advance();
                Type ty = typename();
                skip(")");
                if (equal("{")) {
                    tok = start;
                    Node n = unary();
                    Typer.addType(n);
                    return sizeOf(n.ty, t);
                }
                return sizeOf(ty, t);
            }
            Node n = unary();
            Typer.addType(n);
            if (n.kind == Kind.MEMBER && n.member.isBitfield) throw t.error("'sizeof' applied to a bit-field");
            return sizeOf(n.ty, t);
        }
        if (equal("_Alignof") || equal("__alignof__") || equal("__alignof")) {
            advance();
            if (equal("(") && isTypename(tok.next)) {
                advance();
                Type ty = typename();
                skip(")");
                return newULong(ty.align, t);
            }
            Node n = unary();
            Typer.addType(n);
            int align = n.kind == Kind.VAR ? n.var.align : n.ty.align;
            return newULong(align, t);
        }
        if (equal("__extension__")) {
            advance();
            return cast();
        }
        return postfix();
    }

    private Node sizeOf(Type ty, Token t) {
        if (ty.kind == Type.Kind.VLA) {
            if (ty.vlaSize != null) return newVarNode(ty.vlaSize, t);
            if (currentFn == null) throw t.error("'sizeof' of a variable length array at file scope");
            return newBinary(Kind.COMMA, computeVlaSize(ty, t), newVarNode(ty.vlaSize, t), t);
        }
        if (ty.kind == Type.Kind.FUNC) return newULong(1, t);
        if (ty.kind == Type.Kind.VOID) return newULong(1, t);
        if (ty.size < 0) throw t.error("invalid application of 'sizeof' to incomplete type");
        return newULong(ty.size, t);
    }

    private Node postfix() {
        if (equal("(") && isTypename(tok.next)) {
            // compound literal
            Token start = tok;
            advance();
            Type ty = typename();
            skip(")");
            if (!equal("{")) throw tok.error("expected '{'");
            if (currentFn == null) {
                Obj var = newAnonGvar(ty);
                var.tok = start;
                gvarInitializer(var);
                return postfixOps(newVarNode(var, start));
            }
            Obj var = newLvar("", ty);
            var.tok = start;
            Node lhs = lvarInitializer(var, start);
            Node rhs = newVarNode(var, start);
            return postfixOps(newBinary(Kind.COMMA, lhs, rhs, start));
        }
        return postfixOps(primary());
    }

    private Node postfixOps(Node node) {
        while (true) {
            Token t = tok;
            if (equal("(")) {
                advance();
                node = funcall(node, t);
                continue;
            }
            if (consume("[")) {
                Node idx = expr();
                skip("]");
                node = newUnary(Kind.DEREF, newAdd(node, idx, t), t);
                continue;
            }
            if (consume(".")) {
                if (tok.kind != Token.Kind.IDENT) throw tok.error("expected identifier before '" + tok.text + "'");
                node = structRef(node, advance());
                continue;
            }
            if (consume("->")) {
                if (tok.kind != Token.Kind.IDENT) throw tok.error("expected identifier before '" + tok.text + "'");
                Typer.addType(node);
                if (node.ty.base == null || !node.ty.base.isStructOrUnion())
                    throw t.error("invalid type argument of '->'");
                node = newUnary(Kind.DEREF, node, t);
                node = structRef(node, advance());
                continue;
            }
            if (consume("++")) {
                node = newIncDec(node, t, 1);
                continue;
            }
            if (consume("--")) {
                node = newIncDec(node, t, -1);
                continue;
            }
            return node;
        }
    }

    /** {@code A++} as {@code (typeof A)((A += 1) - 1)}; _Bool keeps its old value through a temporary. */
    private Node newIncDec(Node node, Token t, int addend) {
        Typer.addType(node);
        if (node.ty.kind == Type.Kind.BOOL) {
            Obj ptr = newLvar("", Type.pointerTo(node.ty));
            Obj old = newLvar("", node.ty);
            Node e1 = newBinary(Kind.ASSIGN, newVarNode(ptr, t), newUnary(Kind.ADDR, node, t), t);
            Node e2 = newBinary(Kind.ASSIGN, newVarNode(old, t), newUnary(Kind.DEREF, newVarNode(ptr, t), t), t);
            Node e3 = newBinary(Kind.ASSIGN, newUnary(Kind.DEREF, newVarNode(ptr, t), t),
                newAdd(newVarNode(old, t), newNum(addend, t), t), t);
            return newBinary(Kind.COMMA, newBinary(Kind.COMMA, newBinary(Kind.COMMA, e1, e2, t), e3, t), newVarNode(old, t), t);
        }
        return newCast(newAdd(toAssign(newAdd(node, newNum(addend, t), t)), newNum(-addend, t), t), node.ty);
    }

    private Node funcall(Node fn, Token t) {
        Typer.addType(fn);
        Type ty;
        if (fn.ty.kind == Type.Kind.FUNC) ty = fn.ty;
        else if (fn.ty.kind == Type.Kind.PTR && fn.ty.base.kind == Type.Kind.FUNC) ty = fn.ty.base;
        else throw fn.tok.error("called object is not a function or function pointer");
        Node node = newNode(Kind.FUNCALL, t);
        node.lhs = fn;
        node.funcTy = ty;
        int i = 0;
        while (!equal(")")) {
            if (i > 0) skip(",");
            Node arg = assign();
            Typer.addType(arg);
            if (i < ty.params.size() && !ty.isOldStyle) {
                Type pty = ty.params.get(i);
                if (pty.isStructOrUnion()) {
                    if (!arg.ty.isStructOrUnion() || !Type.isCompatible(pty, arg.ty) && pty.size != arg.ty.size)
                        throw arg.tok.error("incompatible type for argument " + (i + 1));
                } else {
                    if (arg.ty.isStructOrUnion()) throw arg.tok.error("incompatible type for argument " + (i + 1));
                    arg = newCast(arg, pty);
                }
            } else if (!ty.isVariadic && !ty.isOldStyle) {
                throw arg.tok.error("too many arguments to function");
            } else if (arg.ty.kind == Type.Kind.FLOAT) {
                arg = newCast(arg, Type.DOUBLE);
            } else if (arg.ty.isInteger() && arg.ty.size < 4) {
                arg = newCast(arg, Type.INT);
            } else if (arg.ty.kind == Type.Kind.ARRAY) {
                arg = newCast(arg, Type.pointerTo(arg.ty.base));
            } else if (arg.ty.kind == Type.Kind.FUNC) {
                arg = newCast(arg, Type.pointerTo(arg.ty));
            }
            if (arg.ty.kind == Type.Kind.VOID) throw arg.tok.error("invalid use of void expression");
            node.args.add(arg);
            i++;
        }
        if (i < ty.params.size() && !ty.isOldStyle) throw tok.error("too few arguments to function");
        skip(")");
        node.ty = ty.returnTy;
        if (node.ty.isStructOrUnion()) {
            if (node.ty.size < 0) throw t.error("calling function with incomplete return type");
            node.retBuffer = newLvar("", node.ty);
        }
        return node;
    }

    private Node genericSelection(Token start) {
        skip("(");
        Node ctrl = assign();
        Typer.addType(ctrl);
        Type t1 = ctrl.ty;
        if (t1.kind == Type.Kind.FUNC) t1 = Type.pointerTo(t1);
        else if (t1.kind == Type.Kind.ARRAY) t1 = Type.pointerTo(t1.base);
        Node ret = null;
        Node dflt = null;
        while (!consume(")")) {
            skip(",");
            if (consume("default")) {
                skip(":");
                Node n = assign();
                if (dflt != null) throw n.tok.error("duplicate default generic association");
                dflt = n;
                continue;
            }
            Type t2 = typename();
            skip(":");
            Node n = assign();
            if (Type.isCompatible(t1, t2) && ret == null) ret = n;
        }
        if (ret == null) ret = dflt;
        if (ret == null) throw start.error("'_Generic' selector of type '" + t1 + "' is not compatible with any association");
        return ret;
    }

    private Node primary() {
        Token start = tok;
        if (equal("(") && tok.next.is("{")) {
            if (currentFn == null) throw start.error("braced-group within expression allowed only inside a function");
            advance();
            Token brace = advance();
            Node node = newNode(Kind.STMT_EXPR, start);
            node.body = compoundStmt(brace).body;
            skip(")");
            return node;
        }
        if (consume("(")) {
            Node node = expr();
            skip(")");
            return node;
        }
        if (consume("_Generic")) return genericSelection(start);
        if (consume("__builtin_va_arg")) {
            skip("(");
            Node ap = assign();
            skip(",");
            Type ty = typename();
            skip(")");
            Node node = newNode(Kind.VA_ARG, start);
            Typer.addType(ap);
            node.lhs = ap;
            node.ty = ty;
            if (ty.isStructOrUnion()) node.var = newLvar("", ty);
            return node;
        }
        if (consume("__builtin_offsetof")) {
            skip("(");
            Type ty = typename();
            skip(",");
            long off = 0;
            Type cur = ty;
            boolean first = true;
            while (!equal(")")) {
                if (!first && consume("[")) {
                    if (cur.kind != Type.Kind.ARRAY) throw tok.error("subscripted value is not an array");
                    off += constExpr() * cur.base.size;
                    cur = cur.base;
                    skip("]");
                    continue;
                }
                if (!first) skip(".");
                first = false;
                if (tok.kind != Token.Kind.IDENT || !cur.isStructOrUnion()) throw tok.error("expected a member name");
                Token name = advance();
                while (true) {
                    Member m = getStructMember(cur, name.text);
                    if (m == null) throw name.error("no member named '" + name.text + "'");
                    off += m.offset;
                    cur = m.ty;
                    if (m.name != null) break;
                }
            }
            skip(")");
            return newULong(off, start);
        }
        if (start.kind == Token.Kind.IDENT) {
            String name = start.text;
            switch (name) {
                case "__builtin_va_start" -> {
                    advance();
                    skip("(");
                    Node node = newNode(Kind.VA_START, start);
                    node.lhs = assign();
                    if (consume(",")) assign();
                    skip(")");
                    if (currentFn == null || !currentFn.ty.isVariadic || currentFn.vaArea == null)
                        throw start.error("'va_start' used in function with fixed arguments");
                    node.var = currentFn.vaArea;
                    return node;
                }
                case "__builtin_va_end" -> {
                    advance();
                    skip("(");
                    Node ap = assign();
                    skip(")");
                    return newCast(ap, Type.VOID);
                }
                case "__builtin_va_copy" -> {
                    advance();
                    skip("(");
                    Node node = newNode(Kind.VA_COPY, start);
                    node.lhs = assign();
                    skip(",");
                    node.rhs = assign();
                    skip(")");
                    return node;
                }
                case "__builtin_expect" -> {
                    advance();
                    skip("(");
                    Node n = assign();
                    skip(",");
                    assign();
                    skip(")");
                    return newCast(n, Type.LONG);
                }
                case "__builtin_bswap16", "__builtin_bswap32", "__builtin_bswap64" -> {
                    advance();
                    skip("(");
                    Type ty = name.endsWith("16") ? Type.USHORT : name.endsWith("32") ? Type.UINT : Type.ULONG;
                    Node node = newUnary(Kind.BSWAP, newCast(assign(), ty), start);
                    node.ty = ty;
                    skip(")");
                    return node;
                }
                case "__builtin_huge_val", "__builtin_huge_valf", "__builtin_huge_vall", "__builtin_inf", "__builtin_inff",
                     "__builtin_infl", "__builtin_nan", "__builtin_nanf", "__builtin_nanl" -> {
                    advance();
                    skip("(");
                    if (name.contains("nan")) {
                        if (tok.kind != Token.Kind.STR) throw tok.error("expected string literal");
                        advance();
                    }
                    skip(")");
                    Node node = newNode(Kind.NUM, start);
                    node.fval = name.contains("nan") ? Double.NaN : Double.POSITIVE_INFINITY;
                    node.ty = name.endsWith("f") ? Type.FLOAT : name.endsWith("l") ? Type.LDOUBLE : Type.DOUBLE;
                    return node;
                }
                case "__builtin_constant_p" -> {
                    advance();
                    skip("(");
                    Node n = assign();
                    skip(")");
                    return newNum(isConstExpr(n) ? 1 : 0, start);
                }
                case "__builtin_isnan" -> {
                    advance();
                    skip("(");
                    Node n = assign();
                    skip(")");
                    Typer.addType(n);
                    Obj tmp = currentFn != null ? newLvar("", n.ty) : null;
                    if (tmp == null) throw start.error("'__builtin_isnan' outside of a function");
                    Node set = newBinary(Kind.ASSIGN, newVarNode(tmp, start), n, start);
                    return newBinary(Kind.COMMA, set, newBinary(Kind.NE, newVarNode(tmp, start), newVarNode(tmp, start), start), start);
                }
                case "__builtin_trap", "__builtin_unreachable", "__builtin_abort" -> {
                    advance();
                    skip("(");
                    skip(")");
                    Node node = newNode(Kind.TRAP, start);
                    node.ty = Type.VOID;
                    return node;
                }
                case "__builtin_types_compatible_p" -> {
                    advance();
                    skip("(");
                    Type a = typename();
                    skip(",");
                    Type b = typename();
                    skip(")");
                    return newNum(Type.isCompatible(a, b) ? 1 : 0, start);
                }
                default -> { }
            }
            advance();
            VarScope sc = findVar(name);
            if (sc != null) {
                if (sc.var != null) {
                    if (sc.var.isFunction && currentFn != null) currentFn.refs.add(sc.var.name);
                    return newVarNode(sc.var, start);
                }
                if (sc.enumTy != null) return newNum(sc.enumVal, start);
                if (sc.typeDef != null) throw start.error("unexpected type name '" + name + "': expected expression");
            }
            if (equal("(")) throw start.error("implicit declaration of function '" + name + "'");
            if (tok.kind == Token.Kind.IDENT || equal("*") && tok.next.kind == Token.Kind.IDENT && tok.next.next.is(";"))
                throw start.error("unknown type name '" + name + "'");
            throw start.error("'" + name + "' undeclared");
        }
        if (start.kind == Token.Kind.STR) {
            advance();
            Obj var = newStringLiteral(start.str, start.ty);
            return newVarNode(var, start);
        }
        if (start.kind == Token.Kind.NUM) {
            advance();
            Node node;
            if (start.ty.isFlonum()) {
                node = newNode(Kind.NUM, start);
                node.fval = start.fval;
                node.ldval = start.ldval;
            } else {
                node = newNum(start.val, start);
            }
            node.ty = start.ty;
            return node;
        }
        if (start.kind == Token.Kind.EOF) throw start.error("expected expression at end of input");
        throw start.error("expected expression before '" + start.text + "'");
    }

    // ---- liveness of static inline functions ----

    private void markLiveFunctions() {
        Map<String, Obj> byName = new HashMap<>();
        for (Obj o : globals) if (o.isFunction) byName.put(o.name, o);
        Deque<Obj> work = new ArrayDeque<>();
        for (Obj o : globals) if (o.isFunction && o.isRoot && o.isDefinition) work.push(o);
        // non-function globals may take function addresses in their initializers
        for (Obj o : globals) {
            if (o.isFunction) continue;
            for (Obj.Relocation r : o.rels) {
                Obj f = byName.get(r.label());
                if (f != null) work.push(f);
            }
        }
        while (!work.isEmpty()) {
            Obj fn = work.pop();
            if (fn.isLive) continue;
            fn.isLive = true;
            for (String r : fn.refs) {
                Obj f = byName.get(r);
                if (f != null) work.push(f);
            }
        }
    }
}
