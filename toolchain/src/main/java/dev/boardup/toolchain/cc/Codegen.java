package dev.boardup.toolchain.cc;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.boardup.toolchain.cc.Node.Kind;
import dev.boardup.toolchain.cc.Type.Member;

/** Emits GNU AT&T x86-64 assembly for a parsed translation unit: a stack machine over %rax, %xmm0 and st(0). */
final class Codegen {
    private static final String[] ARGREG8 = {"%dil", "%sil", "%dl", "%cl", "%r8b", "%r9b"};
    private static final String[] ARGREG16 = {"%di", "%si", "%dx", "%cx", "%r8w", "%r9w"};
    private static final String[] ARGREG32 = {"%edi", "%esi", "%edx", "%ecx", "%r8d", "%r9d"};
    private static final String[] ARGREG64 = {"%rdi", "%rsi", "%rdx", "%rcx", "%r8", "%r9"};
    private static final int GP_MAX = 6, FP_MAX = 8;

    private final StringBuilder out = new StringBuilder();
    private final CompileOptions options;
    private final String mainFile;
    private final Map<String, Integer> fileNumbers = new HashMap<>();
    private int depth;
    private int labelCount;
    private Obj currentFn;
    private int fnGp, fnFp, fnStackArgsEnd, retBufOffset;
    private final Map<Node, Boolean> passByStack = new java.util.IdentityHashMap<>();

    private Codegen(CompileOptions options, String mainFile) {
        this.options = options;
        this.mainFile = mainFile;
    }

    static String generate(List<Obj> prog, CompileOptions options, String fileName) {
        Codegen g = new Codegen(options, fileName);
        g.emitProgram(prog);
        return g.out.toString();
    }

    private void println(String s) {
        out.append(s).append('\n');
    }

    private int count() { return labelCount++; }

    private void push() {
        println("  push %rax");
        depth++;
    }

    private void pop(String reg) {
        println("  pop " + reg);
        depth--;
    }

    private void pushf() {
        println("  sub $8, %rsp");
        println("  movsd %xmm0, (%rsp)");
        depth++;
    }

    private void popf(int reg) {
        println("  movsd (%rsp), %xmm" + reg);
        println("  add $8, %rsp");
        depth--;
    }

    private static int alignTo(int n, int align) { return (n + align - 1) / align * align; }

    private void movImm(long val, String reg64) {
        if (val == (int) val) println("  mov $" + val + ", " + reg64);
        else println("  movabs $" + val + ", " + reg64);
    }

    // ---- addresses, loads and stores ----

    private void genAddr(Node node) {
        switch (node.kind) {
            case VAR -> {
                Obj v = node.var;
                if (v.isLocal && (v.ty.kind == Type.Kind.VLA || v.isIndirect)) {
                    // a VLA variable holds the address of its storage
                    println("  mov " + v.offset + "(%rbp), %rax");
                } else if (v.isLocal) {
                    println("  lea " + v.offset + "(%rbp), %rax");
                } else if (v.isTls && v.isDefinition) {
                    // local-exec: the variable sits at a link-time offset from the thread pointer
                    println("  mov %fs:0, %rax");
                    println("  lea " + v.symbol() + "@tpoff(%rax), %rax");
                } else if (v.isTls) {
                    // initial-exec: the offset comes from the GOT
                    println("  mov " + v.symbol() + "@gottpoff(%rip), %rax");
                    println("  add %fs:0, %rax");
                } else if (v.isWeak && !v.isDefinition) {
                    // an undefined weak symbol may resolve to 0, which only the GOT can express
                    println("  mov " + v.symbol() + "@GOTPCREL(%rip), %rax");
                } else {
                    println("  lea " + v.symbol() + "(%rip), %rax");
                }
            }
            case DEREF -> genExpr(node.lhs);
            case COMMA -> {
                genExpr(node.lhs);
                genAddr(node.rhs);
            }
            case MEMBER -> {
                genAddr(node.lhs);
                if (node.member.offset != 0) println("  add $" + node.member.offset + ", %rax");
            }
            case FUNCALL -> {
                if (node.retBuffer == null) throw node.tok.error("lvalue required");
                genExpr(node);
            }
            case ASSIGN, COND, STMT_EXPR -> {
                if (!node.ty.isStructOrUnion()) throw node.tok.error("lvalue required");
                genExpr(node);
            }
            case VA_ARG -> genVaArgAddr(node);
            case CAST -> {
                if (!node.ty.isStructOrUnion()) throw node.tok.error("lvalue required");
                genAddr(node.lhs);
            }
            default -> throw node.tok.error("lvalue required");
        }
    }

    private void load(Type ty) {
        switch (ty.kind) {
            case ARRAY, VLA, STRUCT, UNION, FUNC, VOID -> { return; }
            case FLOAT -> { println("  movss (%rax), %xmm0"); return; }
            case DOUBLE -> { println("  movsd (%rax), %xmm0"); return; }
            case LDOUBLE -> { println("  fldt (%rax)"); return; }
            default -> { }
        }
        String insn = ty.isUnsigned ? "movz" : "movs";
        switch (ty.size) {
            case 1 -> println("  " + insn + "bl (%rax), %eax");
            case 2 -> println("  " + insn + "wl (%rax), %eax");
            case 4 -> println(ty.isUnsigned ? "  movl (%rax), %eax" : "  movslq (%rax), %rax");
            default -> println("  mov (%rax), %rax");
        }
    }

    private void store(Type ty) {
        pop("%rdi");
        storeToRdi(ty);
    }

    /** Stores the value in %rax/%xmm0/st(0) (or the struct %rax points to) at the address in %rdi. */
    private void storeToRdi(Type ty) {
        switch (ty.kind) {
            case STRUCT, UNION -> {
                copyBytes("%rax", "%rdi", 0, ty.size);
                return;
            }
            case FLOAT -> { println("  movss %xmm0, (%rdi)"); return; }
            case DOUBLE -> { println("  movsd %xmm0, (%rdi)"); return; }
            case LDOUBLE -> {
                println("  fstpt (%rdi)");
                println("  fldt (%rdi)");
                return;
            }
            default -> { }
        }
        switch (ty.size) {
            case 1 -> println("  mov %al, (%rdi)");
            case 2 -> println("  mov %ax, (%rdi)");
            case 4 -> println("  mov %eax, (%rdi)");
            default -> println("  mov %rax, (%rdi)");
        }
    }

    /** Copies size bytes from (src) to (dst)+dstOff using %r8, widest moves first. */
    private void copyBytes(String src, String dst, int dstOff, int size) {
        int i = 0;
        for (; i + 8 <= size; i += 8) {
            println("  mov " + i + "(" + src + "), %r8");
            println("  mov %r8, " + (i + dstOff) + "(" + dst + ")");
        }
        for (; i + 4 <= size; i += 4) {
            println("  mov " + i + "(" + src + "), %r8d");
            println("  mov %r8d, " + (i + dstOff) + "(" + dst + ")");
        }
        for (; i < size; i++) {
            println("  mov " + i + "(" + src + "), %r8b");
            println("  mov %r8b, " + (i + dstOff) + "(" + dst + ")");
        }
    }

    /** Sets flags as {@code cmp $0, value}: for floating types %eax first becomes 1 when the value is nonzero (NaN is nonzero). */
    private void cmpZero(Type ty) {
        switch (ty.kind) {
            case FLOAT, DOUBLE, LDOUBLE -> {
                if (ty.kind == Type.Kind.FLOAT) {
                    println("  xorps %xmm1, %xmm1");
                    println("  ucomiss %xmm1, %xmm0");
                } else if (ty.kind == Type.Kind.DOUBLE) {
                    println("  xorpd %xmm1, %xmm1");
                    println("  ucomisd %xmm1, %xmm0");
                } else {
                    println("  fldz");
                    println("  fucomip %st(1), %st");
                    println("  fstp %st(0)");
                }
                println("  setne %al");
                println("  setp %cl");
                println("  or %cl, %al");
                println("  movzbl %al, %eax");
                println("  cmp $0, %eax");
            }
            default -> {
                if (ty.isInteger() && ty.size <= 4) println("  cmp $0, %eax");
                else println("  cmp $0, %rax");
            }
        }
    }

    // ---- casts ----

    private enum TypeId { I8, I16, I32, I64, U8, U16, U32, U64, F32, F64, F80 }

    private static TypeId typeId(Type ty) {
        return switch (ty.kind) {
            case CHAR -> ty.isUnsigned ? TypeId.U8 : TypeId.I8;
            case SHORT -> ty.isUnsigned ? TypeId.U16 : TypeId.I16;
            case INT -> ty.isUnsigned ? TypeId.U32 : TypeId.I32;
            case ENUM -> TypeId.I32;
            case LONG -> ty.isUnsigned ? TypeId.U64 : TypeId.I64;
            case BOOL -> TypeId.U8;
            case FLOAT -> TypeId.F32;
            case DOUBLE -> TypeId.F64;
            case LDOUBLE -> TypeId.F80;
            default -> TypeId.U64;
        };
    }

    private static final String F80_TO_INT_1 = "fnstcw -10(%rsp); movzwl -10(%rsp), %eax; or $12, %ah; mov %ax, -12(%rsp); fldcw -12(%rsp); ";
    private static final String F80_TO_INT_2 = " -24(%rsp); fldcw -10(%rsp); ";

    private void emitMulti(String s) {
        for (String part : s.split(";")) {
            String p = part.strip();
            if (!p.isEmpty()) println("  " + p);
        }
    }

    private void cast(Type from, Type to) {
        if (to.kind == Type.Kind.VOID) return;
        if (to.kind == Type.Kind.BOOL) {
            cmpZero(from);
            println("  setne %al");
            println("  movzbl %al, %eax");
            return;
        }
        TypeId f = typeId(from), t = typeId(to);
        String code = castCode(f, t);
        if (code != null) emitMulti(code);
    }

    private String castCode(TypeId f, TypeId t) {
        String toSmallInt = switch (t) {
            case I8 -> "movsbl %al, %eax";
            case U8 -> "movzbl %al, %eax";
            case I16 -> "movswl %ax, %eax";
            case U16 -> "movzwl %ax, %eax";
            default -> null;
        };
        switch (f) {
            case I8, I16, I32, U8, U16: {
                boolean fromSigned = f == TypeId.I8 || f == TypeId.I16 || f == TypeId.I32;
                switch (t) {
                    case I8, U8, I16, U16: return narrowerOrSame(f, t) ? null : toSmallInt;
                    case I32, U32: return null;
                    case I64, U64: return fromSigned ? "movslq %eax, %rax" : null;
                    case F32: return "cvtsi2ssl %eax, %xmm0";
                    case F64: return "cvtsi2sdl %eax, %xmm0";
                    case F80: return "mov %eax, -4(%rsp); fildl -4(%rsp)";
                    default: return null;
                }
            }
            case U32:
                switch (t) {
                    case I8, U8, I16, U16: return toSmallInt;
                    case I32, U32: return null;
                    case I64, U64: return "mov %eax, %eax";
                    case F32: return "mov %eax, %eax; cvtsi2ssq %rax, %xmm0";
                    case F64: return "mov %eax, %eax; cvtsi2sdq %rax, %xmm0";
                    case F80: return "mov %eax, %eax; mov %rax, -8(%rsp); fildll -8(%rsp)";
                    default: return null;
                }
            case I64:
                switch (t) {
                    case I8, U8, I16, U16: return toSmallInt;
                    case I32, U32, I64, U64: return null;
                    case F32: return "cvtsi2ssq %rax, %xmm0";
                    case F64: return "cvtsi2sdq %rax, %xmm0";
                    case F80: return "mov %rax, -8(%rsp); fildll -8(%rsp)";
                    default: return null;
                }
            case U64:
                switch (t) {
                    case I8, U8, I16, U16: return toSmallInt;
                    case I32, U32, I64, U64: return null;
                    case F32: return u64ToFloat("ss");
                    case F64: return u64ToFloat("sd");
                    case F80: {
                        int c = count();
                        return "mov %rax, -8(%rsp); fildll -8(%rsp); test %rax, %rax; jns .L.cvt." + c
                            + "; mov $1602224128, %eax; mov %eax, -4(%rsp); fadds -4(%rsp); .L.cvt." + c + ":";
                    }
                    default: return null;
                }
            case F32:
            case F64: {
                String sfx = f == TypeId.F32 ? "ss" : "sd";
                switch (t) {
                    case I8: return "cvtt" + sfx + "2sil %xmm0, %eax; movsbl %al, %eax";
                    case U8: return "cvtt" + sfx + "2sil %xmm0, %eax; movzbl %al, %eax";
                    case I16: return "cvtt" + sfx + "2sil %xmm0, %eax; movswl %ax, %eax";
                    case U16: return "cvtt" + sfx + "2sil %xmm0, %eax; movzwl %ax, %eax";
                    case I32: return "cvtt" + sfx + "2sil %xmm0, %eax";
                    case U32: return "cvtt" + sfx + "2siq %xmm0, %rax";
                    case I64: return "cvtt" + sfx + "2siq %xmm0, %rax";
                    case U64: return floatToU64(sfx);
                    case F32: return f == TypeId.F32 ? null : "cvtsd2ss %xmm0, %xmm0";
                    case F64: return f == TypeId.F64 ? null : "cvtss2sd %xmm0, %xmm0";
                    case F80: return f == TypeId.F32 ? "movss %xmm0, -4(%rsp); flds -4(%rsp)" : "movsd %xmm0, -8(%rsp); fldl -8(%rsp)";
                    default: return null;
                }
            }
            case F80:
                switch (t) {
                    case I8: return F80_TO_INT_1 + "fistps" + F80_TO_INT_2 + "movsbl -24(%rsp), %eax";
                    case U8: return F80_TO_INT_1 + "fistps" + F80_TO_INT_2 + "movzbl -24(%rsp), %eax";
                    case I16: return F80_TO_INT_1 + "fistps" + F80_TO_INT_2 + "movswl -24(%rsp), %eax";
                    case U16: return F80_TO_INT_1 + "fistpl" + F80_TO_INT_2 + "movzwl -24(%rsp), %eax";
                    case I32: return F80_TO_INT_1 + "fistpl" + F80_TO_INT_2 + "mov -24(%rsp), %eax";
                    case U32: return F80_TO_INT_1 + "fistpll" + F80_TO_INT_2 + "mov -24(%rsp), %eax";
                    case I64: return F80_TO_INT_1 + "fistpll" + F80_TO_INT_2 + "mov -24(%rsp), %rax";
                    case U64: return f80ToU64();
                    case F32: return "fstps -8(%rsp); movss -8(%rsp), %xmm0";
                    case F64: return "fstpl -8(%rsp); movsd -8(%rsp), %xmm0";
                    default: return null;
                }
            default: return null;
        }
    }

    private static boolean narrowerOrSame(TypeId from, TypeId to) {
        int fs = (from == TypeId.I8 || from == TypeId.U8) ? 1 : 2;
        int ts = (to == TypeId.I8 || to == TypeId.U8) ? 1 : 2;
        boolean fromSigned = from == TypeId.I8 || from == TypeId.I16;
        boolean toSigned = to == TypeId.I8 || to == TypeId.I16;
        if (from == TypeId.I32) return false;
        if (fs < ts) return fromSigned == toSigned || !fromSigned;  // widening keeps the value if representable
        return fs == ts && fromSigned == toSigned;
    }

    private String u64ToFloat(String sfx) {
        int c = count();
        return "test %rax, %rax; js .L.cvt.neg." + c + "; pxor %xmm0, %xmm0; cvtsi2" + sfx + "q %rax, %xmm0; jmp .L.cvt.end." + c
            + "; .L.cvt.neg." + c + ":; mov %rax, %rdi; and $1, %eax; pxor %xmm0, %xmm0; shr %rdi; or %rax, %rdi; cvtsi2" + sfx
            + "q %rdi, %xmm0; add" + sfx + " %xmm0, %xmm0; .L.cvt.end." + c + ":";
    }

    private String floatToU64(String sfx) {
        int c = count();
        String limit = sfx.equals("ss") ? "mov $1593835520, %edi; movd %edi, %xmm1" : "movabs $4890909195324358656, %rdi; movq %rdi, %xmm1";
        return limit + "; ucomi" + sfx + " %xmm1, %xmm0; jae .L.cvt.big." + c + "; cvtt" + sfx + "2siq %xmm0, %rax; jmp .L.cvt.end." + c
            + "; .L.cvt.big." + c + ":; sub" + sfx + " %xmm1, %xmm0; cvtt" + sfx + "2siq %xmm0, %rax; btc $63, %rax; .L.cvt.end." + c + ":";
    }

    private String f80ToU64() {
        int c = count();
        // compare with 2^63 (as a float constant) and subtract it before converting when the value is larger
        return "mov $1593835520, %eax; mov %eax, -4(%rsp); flds -4(%rsp); fucomip %st(1), %st; jbe .L.cvt.big." + c + "; "
            + F80_TO_INT_1 + "fistpll" + F80_TO_INT_2 + "mov -24(%rsp), %rax; jmp .L.cvt.end." + c + "; .L.cvt.big." + c + ":; "
            + "mov $1593835520, %eax; mov %eax, -4(%rsp); fsubs -4(%rsp); "
            + F80_TO_INT_1 + "fistpll" + F80_TO_INT_2 + "mov -24(%rsp), %rax; btc $63, %rax; .L.cvt.end." + c + ":";
    }

    // ---- SysV classification ----

    /** True when every scalar in [lo, hi) of the object is float or double (an SSE-class eightbyte). */
    private static boolean hasFlonum(Type ty, int lo, int hi, int offset) {
        if (ty.isStructOrUnion()) {
            for (Member m : ty.members)
                if (!hasFlonum(m.ty, lo, hi, offset + m.offset)) return false;
            return true;
        }
        if (ty.kind == Type.Kind.ARRAY) {
            for (int i = 0; i < ty.arrayLen; i++)
                if (!hasFlonum(ty.base, lo, hi, offset + ty.base.size * i)) return false;
            return true;
        }
        return offset < lo || hi <= offset || ty.kind == Type.Kind.FLOAT || ty.kind == Type.Kind.DOUBLE;
    }

    private static boolean containsLdouble(Type ty) {
        if (ty.kind == Type.Kind.LDOUBLE) return true;
        if (ty.kind == Type.Kind.ARRAY) return containsLdouble(ty.base);
        if (ty.isStructOrUnion()) for (Member m : ty.members) if (containsLdouble(m.ty)) return true;
        return false;
    }

    /** MEMORY class: passed on the stack and returned through a hidden pointer. */
    static boolean isMemoryClass(Type ty) {
        return ty.size > 16 || containsLdouble(ty) || ty.size == 0;
    }

    /** A struct or union holding exactly one long double: returned in st(0) (X87 class), passed in memory. */
    private static boolean isX87Struct(Type ty) {
        if (!ty.isStructOrUnion() || ty.size != 16) return false;
        for (Member m : ty.members) {
            Type t = m.ty;
            while (t.kind == Type.Kind.ARRAY && t.arrayLen == 1) t = t.base;
            if (m.offset != 0 || !(t.kind == Type.Kind.LDOUBLE || isX87Struct(t))) return false;
        }
        return !ty.members.isEmpty();
    }

    /** Returned through a hidden pointer in %rdi (and that pointer comes back in %rax). */
    static boolean isMemoryReturn(Type ty) {
        return ty.isStructOrUnion() && isMemoryClass(ty) && !isX87Struct(ty);
    }

    private static boolean fp1(Type ty) { return hasFlonum(ty, 0, 8, 0); }
    private static boolean fp2(Type ty) { return hasFlonum(ty, 8, 16, 0); }
    private static int eightbytes(Type ty) { return ty.size > 8 ? 2 : 1; }
    private static int fpCount(Type ty) { return (fp1(ty) ? 1 : 0) + (ty.size > 8 && fp2(ty) ? 1 : 0); }
    private static int gpCount(Type ty) { return eightbytes(ty) - fpCount(ty); }

    // ---- function calls ----

    private void pushStruct(Type ty) {
        int sz = alignTo(ty.size, 8);
        println("  sub $" + sz + ", %rsp");
        depth += sz / 8;
        copyBytes("%rax", "%rsp", 0, ty.size);
    }

    private void pushArgs2(List<Node> args, boolean firstPass) {
        for (int i = args.size() - 1; i >= 0; i--) {
            Node arg = args.get(i);
            boolean stack = passByStack.getOrDefault(arg, false);
            if (firstPass != stack) continue;
            genExpr(arg);
            switch (arg.ty.kind) {
                case STRUCT, UNION -> pushStruct(arg.ty);
                case FLOAT, DOUBLE -> pushf();
                case LDOUBLE -> {
                    println("  sub $16, %rsp");
                    println("  fstpt (%rsp)");
                    depth += 2;
                }
                default -> push();
            }
        }
    }

    /**
     * Lays out the outgoing stack arguments (each at its alignment, at least 8) in an area at %rsp, then pushes the
     * register arguments; returns the size of the area in 8-byte words, which the caller pops after the call.
     */
    private int pushArgs(Node node) {
        int gp = 0, fp = 0;
        if (node.retBuffer != null && isMemoryReturn(node.ty)) gp++;
        Map<Node, Integer> stackOffset = new java.util.IdentityHashMap<>();
        int off = 0;
        for (Node arg : node.args) {
            Type ty = arg.ty;
            boolean onStack = false;
            switch (ty.kind) {
                case STRUCT, UNION -> {
                    if (isMemoryClass(ty)) {
                        onStack = true;
                    } else {
                        int nf = fpCount(ty), ng = gpCount(ty);
                        if ((nf == 0 || fp + nf <= FP_MAX) && (ng == 0 || gp + ng <= GP_MAX)) {
                            fp += nf;
                            gp += ng;
                        } else {
                            onStack = true;
                        }
                    }
                }
                case FLOAT, DOUBLE -> onStack = fp++ >= FP_MAX;
                case LDOUBLE -> onStack = true;
                default -> onStack = gp++ >= GP_MAX;
            }
            passByStack.put(arg, onStack);
            if (onStack) {
                off = alignTo(off, Math.max(8, ty.align));
                stackOffset.put(arg, off);
                off += alignTo(ty.size, 8);
            }
        }
        int words = alignTo(off, 8) / 8;
        if ((depth + words) % 2 == 1) words++;
        if (words > 0) {
            println("  sub $" + words * 8 + ", %rsp");
            depth += words;
        }
        for (Node arg : node.args) {
            Integer at = stackOffset.get(arg);
            if (at == null) continue;
            genExpr(arg);
            switch (arg.ty.kind) {
                case STRUCT, UNION -> copyBytes("%rax", "%rsp", at, arg.ty.size);
                case FLOAT -> println("  movss %xmm0, " + at + "(%rsp)");
                case DOUBLE -> println("  movsd %xmm0, " + at + "(%rsp)");
                case LDOUBLE -> println("  fstpt " + at + "(%rsp)");
                default -> println("  mov %rax, " + at + "(%rsp)");
            }
        }
        pushArgs2(node.args, false);
        if (node.retBuffer != null && isMemoryReturn(node.ty)) {
            println("  lea " + node.retBuffer.offset + "(%rbp), %rax");
            push();
        }
        return words;
    }

    private void genFuncall(Node node) {
        int stackArgs = pushArgs(node);
        boolean direct = node.lhs.kind == Kind.VAR && node.lhs.var.isFunction && !(node.lhs.var.isWeak && !node.lhs.var.isDefinition);
        if (!direct) {
            genExpr(node.lhs);
            println("  mov %rax, %r10");
        }
        int gp = 0, fp = 0;
        if (node.retBuffer != null && isMemoryReturn(node.ty)) pop(ARGREG64[gp++]);
        for (Node arg : node.args) {
            if (passByStack.getOrDefault(arg, false)) continue;
            Type ty = arg.ty;
            switch (ty.kind) {
                case STRUCT, UNION -> {
                    if (fp1(ty)) popf(fp++); else pop(ARGREG64[gp++]);
                    if (ty.size > 8) {
                        if (fp2(ty)) popf(fp++); else pop(ARGREG64[gp++]);
                    }
                }
                case FLOAT, DOUBLE -> popf(fp++);
                case LDOUBLE -> { }
                default -> pop(ARGREG64[gp++]);
            }
        }
        println("  mov $" + fp + ", %eax");
        if (direct) println("  call " + node.lhs.var.symbol());
        else println("  call *%r10");
        if (stackArgs > 0) {
            println("  add $" + stackArgs * 8 + ", %rsp");
            depth -= stackArgs;
        }
        switch (node.ty.kind) {
            case BOOL -> println("  movzbl %al, %eax");
            case CHAR -> println(node.ty.isUnsigned ? "  movzbl %al, %eax" : "  movsbl %al, %eax");
            case SHORT -> println(node.ty.isUnsigned ? "  movzwl %ax, %eax" : "  movswl %ax, %eax");
            default -> { }
        }
        if (node.retBuffer != null && !isMemoryReturn(node.ty)) {
            copyRetBuffer(node.retBuffer);
            println("  lea " + node.retBuffer.offset + "(%rbp), %rax");
        }
    }

    /** After a call returning a small struct in registers: spill %rax/%rdx/%xmm0/%xmm1 into the buffer. */
    private void copyRetBuffer(Obj var) {
        Type ty = var.ty;
        if (isX87Struct(ty)) {
            println("  fstpt " + var.offset + "(%rbp)");
            return;
        }
        int gp = 0, fp = 0;
        if (fp1(ty)) {
            println(ty.size == 4 ? "  movss %xmm0, " + var.offset + "(%rbp)" : "  movsd %xmm0, " + var.offset + "(%rbp)");
            fp++;
        } else {
            for (int i = 0; i < Math.min(8, ty.size); i++) {
                println("  mov %al, " + (var.offset + i) + "(%rbp)");
                println("  shr $8, %rax");
            }
            gp++;
        }
        if (ty.size > 8) {
            if (fp2(ty)) {
                String reg = "%xmm" + fp;
                println(ty.size == 12 ? "  movss " + reg + ", " + (var.offset + 8) + "(%rbp)" : "  movsd " + reg + ", " + (var.offset + 8) + "(%rbp)");
            } else {
                String reg1 = gp == 0 ? "%al" : "%dl";
                String reg2 = gp == 0 ? "%rax" : "%rdx";
                for (int i = 8; i < Math.min(16, ty.size); i++) {
                    println("  mov " + reg1 + ", " + (var.offset + i) + "(%rbp)");
                    println("  shr $8, " + reg2);
                }
            }
        }
    }

    /** For `return struct`: load a small struct at (%rax) into %rax/%rdx/%xmm0/%xmm1. */
    private void copyStructReg(Type ty) {
        if (isX87Struct(ty)) {
            println("  fldt (%rax)");
            return;
        }
        int gp = 0, fp = 0;
        println("  mov %rax, %rdi");
        if (fp1(ty)) {
            println(ty.size == 4 ? "  movss (%rdi), %xmm0" : "  movsd (%rdi), %xmm0");
            fp++;
        } else {
            println("  mov $0, %rax");
            for (int i = Math.min(8, ty.size) - 1; i >= 0; i--) {
                println("  shl $8, %rax");
                println("  mov " + i + "(%rdi), %al");
            }
            gp++;
        }
        if (ty.size > 8) {
            if (fp2(ty)) {
                println(ty.size == 12 ? "  movss 8(%rdi), %xmm" + fp : "  movsd 8(%rdi), %xmm" + fp);
            } else {
                String reg1 = gp == 0 ? "%al" : "%dl";
                String reg2 = gp == 0 ? "%rax" : "%rdx";
                println("  mov $0, " + reg2);
                for (int i = Math.min(16, ty.size) - 1; i >= 8; i--) {
                    println("  shl $8, " + reg2);
                    println("  mov " + i + "(%rdi), " + reg1);
                }
            }
        }
    }

    private void copyStructMem(Type ty) {
        println("  mov " + retBufOffset + "(%rbp), %rdi");
        copyBytes("%rax", "%rdi", 0, ty.size);
        println("  mov %rdi, %rax");
    }

    // ---- variadic arguments ----

    private void genVaStart(Node node) {
        genExpr(node.lhs);
        println("  movl $" + fnGp * 8 + ", (%rax)");
        println("  movl $" + (48 + fnFp * 16) + ", 4(%rax)");
        println("  lea " + fnStackArgsEnd + "(%rbp), %rdx");
        println("  mov %rdx, 8(%rax)");
        println("  lea " + node.var.offset + "(%rbp), %rdx");
        println("  mov %rdx, 16(%rax)");
    }

    /** Leaves in %rax the address of the next variadic argument of node.ty and advances the va_list. */
    private void genVaArgAddr(Node node) {
        Type ty = node.ty;
        genExpr(node.lhs);
        println("  mov %rax, %rcx");
        int c = count();
        String overflow = ".L.va.overflow." + c, done = ".L.va.done." + c;
        boolean memory = ty.kind == Type.Kind.LDOUBLE || (ty.isStructOrUnion() && isMemoryClass(ty));
        if (!memory) {
            int ngp, nfp;
            if (ty.isStructOrUnion()) { ngp = gpCount(ty); nfp = fpCount(ty); }
            else if (ty.kind == Type.Kind.FLOAT || ty.kind == Type.Kind.DOUBLE) { ngp = 0; nfp = 1; }
            else { ngp = 1; nfp = 0; }
            if (ngp > 0) {
                println("  cmpl $" + (48 - ngp * 8) + ", (%rcx)");
                println("  ja " + overflow);
            }
            if (nfp > 0) {
                println("  cmpl $" + (176 - nfp * 16) + ", 4(%rcx)");
                println("  ja " + overflow);
            }
            if (!ty.isStructOrUnion()) {
                String off = nfp > 0 ? "4(%rcx)" : "(%rcx)";
                println("  movl " + off + ", %eax");
                println("  add 16(%rcx), %rax");
                println("  addl $" + (nfp > 0 ? 16 : 8) + ", " + off);
                println("  jmp " + done);
            } else {
                // gather the eightbytes from the register save area into the temporary
                Obj tmp = node.var;
                for (int i = 0; i < eightbytes(ty); i++) {
                    boolean sse = i == 0 ? fp1(ty) : fp2(ty);
                    String off = sse ? "4(%rcx)" : "(%rcx)";
                    println("  movl " + off + ", %eax");
                    println("  add 16(%rcx), %rax");
                    println("  mov (%rax), %rdx");
                    println("  mov %rdx, " + (tmp.offset + i * 8) + "(%rbp)");
                    println("  addl $" + (sse ? 16 : 8) + ", " + off);
                }
                println("  lea " + tmp.offset + "(%rbp), %rax");
                println("  jmp " + done);
            }
        }
        println(overflow + ":");
        println("  mov 8(%rcx), %rax");
        if (ty.align > 8) {
            println("  add $15, %rax");
            println("  and $-16, %rax");
        }
        println("  lea " + alignTo(Math.max(ty.size, 8), 8) + "(%rax), %rdx");
        println("  mov %rdx, 8(%rcx)");
        println(done + ":");
    }

    private void genVaCopy(Node node) {
        genExpr(node.rhs);
        push();
        genExpr(node.lhs);
        pop("%rdi");
        for (int i = 0; i < 24; i += 8) {
            println("  mov " + i + "(%rdi), %rdx");
            println("  mov %rdx, " + i + "(%rax)");
        }
    }

    // ---- expressions ----

    private void emitLoc(Node node) {
        if (!options.debugInfo() || node.tok == null) return;
        emitLoc(node.tok);
    }

    private void emitLoc(Token tok) {
        int n = fileNumber(tok.file);
        if (n == lastLocFile && tok.line == lastLocLine) return;
        lastLocFile = n;
        lastLocLine = tok.line;
        println("  .loc " + n + " " + tok.line);
    }

    /** The line table's number for {@code file}, declaring it with {@code .file N} the first time. */
    private int fileNumber(String file) {
        Integer n = fileNumbers.get(file);
        if (n == null) {
            n = fileNumbers.size() + 1;
            fileNumbers.put(file, n);
            println("  .file " + n + " \"" + escape(file) + "\"");
        }
        return n;
    }

    private int lastLocFile, lastLocLine;

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') sb.append('\\');
            sb.append(c);
        }
        return sb.toString();
    }

    private void genExpr(Node node) {
        emitLoc(node);
        switch (node.kind) {
            case NULL_EXPR -> { }
            case NUM -> genNum(node);
            case NEG -> {
                genExpr(node.lhs);
                switch (node.ty.kind) {
                    case FLOAT -> {
                        println("  mov $1, %rax");
                        println("  shl $31, %rax");
                        println("  movq %rax, %xmm1");
                        println("  xorps %xmm1, %xmm0");
                    }
                    case DOUBLE -> {
                        println("  mov $1, %rax");
                        println("  shl $63, %rax");
                        println("  movq %rax, %xmm1");
                        println("  xorpd %xmm1, %xmm0");
                    }
                    case LDOUBLE -> println("  fchs");
                    default -> println(node.ty.size == 8 ? "  neg %rax" : "  neg %eax");
                }
            }
            case VAR -> {
                genAddr(node);
                load(node.ty);
            }
            case MEMBER -> {
                genAddr(node);
                load(node.ty);
                Member m = node.member;
                if (m.isBitfield) {
                    println("  shl $" + (64 - m.bitWidth - m.bitOffset) + ", %rax");
                    println((m.ty.isUnsigned ? "  shr $" : "  sar $") + (64 - m.bitWidth) + ", %rax");
                }
            }
            case DEREF -> {
                genExpr(node.lhs);
                load(node.ty);
            }
            case ADDR -> genAddr(node.lhs);
            case ASSIGN -> genAssign(node);
            case STMT_EXPR -> {
                for (int i = 0; i < node.body.size(); i++) {
                    Node n = node.body.get(i);
                    if (i == node.body.size() - 1 && n.kind == Kind.EXPR_STMT) genExpr(n.lhs);
                    else genStmt(n);
                }
            }
            case COMMA -> {
                genDiscard(node.lhs);
                genExpr(node.rhs);
            }
            case CAST -> {
                genExpr(node.lhs);
                cast(node.lhs.ty, node.ty);
            }
            case MEMZERO -> {
                println("  mov $" + node.var.ty.size + ", %rcx");
                println((node.var.isIndirect ? "  mov " : "  lea ") + node.var.offset + "(%rbp), %rdi");
                println("  mov $0, %al");
                println("  rep stosb");
            }
            case COND -> {
                int c = count();
                genExpr(node.cond);
                cmpZero(node.cond.ty);
                println("  je .L.else." + c);
                genExpr(node.then);
                println("  jmp .L.end." + c);
                println(".L.else." + c + ":");
                genExpr(node.els);
                println(".L.end." + c + ":");
            }
            case NOT -> {
                genExpr(node.lhs);
                cmpZero(node.lhs.ty);
                println("  sete %al");
                println("  movzbl %al, %eax");
            }
            case BITNOT -> {
                genExpr(node.lhs);
                println(node.ty.size == 8 ? "  not %rax" : "  not %eax");
            }
            case LOGAND -> {
                int c = count();
                genExpr(node.lhs);
                cmpZero(node.lhs.ty);
                println("  je .L.false." + c);
                genExpr(node.rhs);
                cmpZero(node.rhs.ty);
                println("  je .L.false." + c);
                println("  mov $1, %eax");
                println("  jmp .L.end." + c);
                println(".L.false." + c + ":");
                println("  mov $0, %eax");
                println(".L.end." + c + ":");
            }
            case LOGOR -> {
                int c = count();
                genExpr(node.lhs);
                cmpZero(node.lhs.ty);
                println("  jne .L.true." + c);
                genExpr(node.rhs);
                cmpZero(node.rhs.ty);
                println("  jne .L.true." + c);
                println("  mov $0, %eax");
                println("  jmp .L.end." + c);
                println(".L.true." + c + ":");
                println("  mov $1, %eax");
                println(".L.end." + c + ":");
            }
            case FUNCALL -> genFuncall(node);
            case LABEL_VAL -> println("  lea " + node.uniqueLabel + "(%rip), %rax");
            case VA_START -> genVaStart(node);
            case VA_ARG -> {
                genVaArgAddr(node);
                load(node.ty);
            }
            case VA_COPY -> genVaCopy(node);
            case BSWAP -> {
                genExpr(node.lhs);
                switch (node.ty.size) {
                    case 2 -> { println("  rol $8, %ax"); println("  movzwl %ax, %eax"); }
                    case 4 -> println("  bswap %eax");
                    default -> println("  bswap %rax");
                }
            }
            case TRAP -> println("  ud2");
            case ASM -> genAsm(node);
            case VLA_ALLOC -> {
                // carve the array out of the stack, keeping %rsp 16-byte aligned for calls
                genExpr(node.rhs);
                println("  add $15, %rax");
                println("  and $-16, %rax");
                println("  sub %rax, %rsp");
                if (node.val > 16) println("  and $-" + node.val + ", %rsp");
                println("  mov %rsp, " + node.lhs.var.offset + "(%rbp)");
            }
            case SAVE_SP -> println("  mov %rsp, " + node.var.offset + "(%rbp)");
            case RESTORE_SP -> println("  mov " + node.var.offset + "(%rbp), %rsp");
            default -> genBinary(node);
        }
    }

    /** Evaluates for side effects only; a long double result is popped so the x87 stack stays balanced. */
    private void genDiscard(Node node) {
        if (node.kind == Kind.CAST && node.ty.kind == Type.Kind.VOID) {
            genDiscard(node.lhs);
            return;
        }
        genExpr(node);
        if (node.ty != null && node.ty.kind == Type.Kind.LDOUBLE) println("  fstp %st(0)");
    }

    private void genNum(Node node) {
        switch (node.ty.kind) {
            case FLOAT -> {
                println("  mov $" + Float.floatToRawIntBits((float) node.fval) + ", %eax");
                println("  movq %rax, %xmm0");
            }
            case DOUBLE -> {
                movImm(Double.doubleToRawLongBits(node.fval), "%rax");
                println("  movq %rax, %xmm0");
            }
            case LDOUBLE -> {
                byte[] x = node.ldval != null ? node.ldval : toX87(node.fval);
                movImm(LongDouble.mantissa(x), "%rax");
                println("  mov %rax, -16(%rsp)");
                println("  movw $" + LongDouble.signExponent(x) + ", -8(%rsp)");
                println("  fldt -16(%rsp)");
            }
            default -> movImm(node.val, "%rax");
        }
    }

    private void genAssign(Node node) {
        if (node.lhs.kind == Kind.VAR && !node.lhs.var.isTls && !node.lhs.var.isWeak && !node.lhs.var.isIndirect
                && node.lhs.var.ty.kind != Type.Kind.VLA) {
            // a variable's address needs no temporary: evaluate the value first, then store through %rdi
            genExpr(node.rhs);
            Obj v = node.lhs.var;
            println(v.isLocal ? "  lea " + v.offset + "(%rbp), %rdi" : "  lea " + v.symbol() + "(%rip), %rdi");
            storeToRdi(node.ty);
            return;
        }
        genAddr(node.lhs);
        push();
        genExpr(node.rhs);
        if (node.lhs.kind == Kind.MEMBER && node.lhs.member.isBitfield) {
            Member m = node.lhs.member;
            long mask = m.bitWidth == 64 ? -1L : (1L << m.bitWidth) - 1;
            println("  mov %rax, %r8");
            println("  mov %rax, %rdi");
            movImm(mask, "%rdx");
            println("  and %rdx, %rdi");
            println("  shl $" + m.bitOffset + ", %rdi");
            println("  mov (%rsp), %rax");
            load(m.ty);
            movImm(~(mask << m.bitOffset), "%r9");
            println("  and %r9, %rax");
            println("  or %rdi, %rax");
            store(m.ty);
            // the value of the assignment is the new field value, truncated to the field's width
            println("  mov %r8, %rax");
            println("  shl $" + (64 - m.bitWidth) + ", %rax");
            println((m.ty.isUnsigned ? "  shr $" : "  sar $") + (64 - m.bitWidth) + ", %rax");
            return;
        }
        store(node.ty);
    }

    private void genBinary(Node node) {
        Type lty = node.lhs.ty;
        if (lty.kind == Type.Kind.FLOAT || lty.kind == Type.Kind.DOUBLE) {
            genExpr(node.rhs);
            pushf();
            genExpr(node.lhs);
            popf(1);
            String sz = lty.kind == Type.Kind.FLOAT ? "ss" : "sd";
            switch (node.kind) {
                case ADD -> println("  add" + sz + " %xmm1, %xmm0");
                case SUB -> println("  sub" + sz + " %xmm1, %xmm0");
                case MUL -> println("  mul" + sz + " %xmm1, %xmm0");
                case DIV -> println("  div" + sz + " %xmm1, %xmm0");
                case EQ, NE, LT, LE -> {
                    if (node.kind == Kind.EQ || node.kind == Kind.NE) println("  ucomi" + sz + " %xmm1, %xmm0");
                    else println("  ucomi" + sz + " %xmm0, %xmm1");
                    switch (node.kind) {
                        case EQ -> { println("  sete %al"); println("  setnp %dl"); println("  and %dl, %al"); }
                        case NE -> { println("  setne %al"); println("  setp %dl"); println("  or %dl, %al"); }
                        case LT -> println("  seta %al");
                        default -> println("  setae %al");
                    }
                    println("  and $1, %al");
                    println("  movzbl %al, %eax");
                }
                default -> throw node.tok.error("invalid expression");
            }
            return;
        }
        if (lty.kind == Type.Kind.LDOUBLE) {
            // park the left operand in memory so the x87 stack never holds more than two values (and is empty
            // across any call the right operand makes, as the ABI requires)
            genExpr(node.lhs);
            println("  sub $16, %rsp");
            println("  fstpt (%rsp)");
            depth += 2;
            genExpr(node.rhs);
            println("  fldt (%rsp)");
            println("  fxch %st(1)");
            println("  add $16, %rsp");
            depth -= 2;
            switch (node.kind) {
                case ADD -> println("  faddp");
                case SUB -> println("  fsubrp");
                case MUL -> println("  fmulp");
                case DIV -> println("  fdivrp");
                case EQ, NE, LT, LE -> {
                    println("  fcomip %st(1), %st");
                    println("  fstp %st(0)");
                    switch (node.kind) {
                        case EQ -> { println("  sete %al"); println("  setnp %dl"); println("  and %dl, %al"); }
                        case NE -> { println("  setne %al"); println("  setp %dl"); println("  or %dl, %al"); }
                        case LT -> println("  seta %al");
                        default -> println("  setae %al");
                    }
                    println("  movzbl %al, %eax");
                }
                default -> throw node.tok.error("invalid expression");
            }
            return;
        }
        if (isSimpleOperand(node.rhs)) {
            // constants and plain variables go straight into %rdi: no stack temporary
            genExpr(node.lhs);
            loadSimpleOperand(node.rhs, "%rdi");
        } else {
            genExpr(node.rhs);
            push();
            genExpr(node.lhs);
            pop("%rdi");
        }
        boolean wide = lty.size == 8 || lty.base != null;
        String ax = wide ? "%rax" : "%eax", di = wide ? "%rdi" : "%edi", dx = wide ? "%rdx" : "%edx";
        switch (node.kind) {
            case ADD -> println("  add " + di + ", " + ax);
            case SUB -> println("  sub " + di + ", " + ax);
            case MUL -> println("  imul " + di + ", " + ax);
            case DIV, MOD -> {
                if (node.ty.isUnsigned) {
                    println("  mov $0, %edx");
                    println("  div " + di);
                } else {
                    println(wide ? "  cqo" : "  cltd");
                    println("  idiv " + di);
                }
                if (node.kind == Kind.MOD) println("  mov " + dx + ", " + ax);
            }
            case BITAND -> println("  and " + di + ", " + ax);
            case BITOR -> println("  or " + di + ", " + ax);
            case BITXOR -> println("  xor " + di + ", " + ax);
            case EQ, NE, LT, LE -> {
                println("  cmp " + di + ", " + ax);
                boolean u = lty.isUnsigned || lty.base != null;
                switch (node.kind) {
                    case EQ -> println("  sete %al");
                    case NE -> println("  setne %al");
                    case LT -> println(u ? "  setb %al" : "  setl %al");
                    default -> println(u ? "  setbe %al" : "  setle %al");
                }
                println("  movzbl %al, %eax");
            }
            case SHL -> {
                println("  mov %edi, %ecx");
                println("  shl %cl, " + ax);
            }
            case SHR -> {
                println("  mov %edi, %ecx");
                println((lty.isUnsigned ? "  shr %cl, " : "  sar %cl, ") + ax);
            }
            default -> throw node.tok.error("invalid expression");
        }
    }

    /** An integer operand that can be loaded into a register without touching %rax or the stack. */
    private static boolean isSimpleOperand(Node n) {
        if (constantValue(n) != null) return true;
        if (n.kind == Kind.CAST && n.ty.isInteger() && n.ty.kind != Type.Kind.BOOL && n.ty.size >= 4) n = n.lhs;
        if (n.kind != Kind.VAR || n.var.isTls || n.var.isWeak || n.var.isIndirect) return false;
        Type t = n.var.ty;
        return (t.isInteger() || t.kind == Type.Kind.PTR) && n.ty == t;
    }

    /** The value of an integer constant possibly wrapped in integer casts, or null. */
    private static Long constantValue(Node n) {
        if (n.kind == Kind.NUM && n.ty.isInteger()) return n.val;
        if (n.kind == Kind.CAST && n.ty.isInteger() && n.ty.kind != Type.Kind.BOOL && n.lhs.ty.isInteger()) {
            Long v = constantValue(n.lhs);
            if (v == null) return null;
            return switch (n.ty.size) {
                case 1 -> n.ty.isUnsigned ? v & 0xff : (long) (byte) (long) v;
                case 2 -> n.ty.isUnsigned ? v & 0xffff : (long) (short) (long) v;
                case 4 -> n.ty.isUnsigned ? v & 0xffffffffL : (long) (int) (long) v;
                default -> v;
            };
        }
        return null;
    }

    private void loadSimpleOperand(Node n, String reg64) {
        Long c = constantValue(n);
        if (c != null) {
            movImm(c, reg64);
            return;
        }
        if (n.kind == Kind.CAST) n = n.lhs;
        Obj v = n.var;
        String addr = v.isLocal ? v.offset + "(%rbp)" : v.symbol() + "(%rip)";
        Type t = v.ty;
        String reg32 = reg64.equals("%rdi") ? "%edi" : reg64.replace("%r", "%e");
        switch (t.size) {
            case 1 -> println((t.isUnsigned ? "  movzbq " : "  movsbq ") + addr + ", " + reg64);
            case 2 -> println((t.isUnsigned ? "  movzwq " : "  movswq ") + addr + ", " + reg64);
            case 4 -> println(t.isUnsigned ? "  movl " + addr + ", " + reg32 : "  movslq " + addr + ", " + reg64);
            default -> println("  mov " + addr + ", " + reg64);
        }
    }

    // ---- GNU asm ----

    private static final String[][] REG_NAMES = {
        {"%rax", "%eax", "%ax", "%al"}, {"%rbx", "%ebx", "%bx", "%bl"}, {"%rcx", "%ecx", "%cx", "%cl"},
        {"%rdx", "%edx", "%dx", "%dl"}, {"%rsi", "%esi", "%si", "%sil"}, {"%rdi", "%edi", "%di", "%dil"},
        {"%r8", "%r8d", "%r8w", "%r8b"}, {"%r9", "%r9d", "%r9w", "%r9b"}, {"%r10", "%r10d", "%r10w", "%r10b"},
        {"%r11", "%r11d", "%r11w", "%r11b"}};
    /** Registers handed out for "r" operands: caller-saved ones only, so no save/restore is needed. */
    private static final String[] ASM_POOL = {"%r10", "%r11", "%r9", "%r8", "%rsi", "%rdi", "%rdx", "%rcx", "%rax"};

    private static String regForConstraint(char c) {
        return switch (c) {
            case 'a' -> "%rax";
            case 'b' -> "%rbx";
            case 'c' -> "%rcx";
            case 'd' -> "%rdx";
            case 'S' -> "%rsi";
            case 'D' -> "%rdi";
            default -> null;
        };
    }

    private static String sized(String reg64, int size) {
        for (String[] r : REG_NAMES) {
            if (r[0].equals(reg64)) {
                return switch (size) {
                    case 1 -> r[3];
                    case 2 -> r[2];
                    case 4 -> r[1];
                    default -> r[0];
                };
            }
        }
        return reg64;
    }

    /** What one asm operand became: a register, an immediate, or a memory reference through a register. */
    private record AsmSlot(String reg, String immediate, boolean memory, Type ty) { }

    private void genAsm(Node node) {
        List<Node.AsmOperand> outs = node.asmOutputs, ins = node.asmInputs;
        java.util.Set<String> used = new java.util.HashSet<>();
        for (String c : node.asmClobbers) used.add("%" + (c.startsWith("%") ? c.substring(1) : c));
        List<Node.AsmOperand> all = new java.util.ArrayList<>(outs);
        all.addAll(ins);
        AsmSlot[] slots = new AsmSlot[all.size()];
        // first the operands that name their register, then the ones free to take any
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < all.size(); i++) {
                if (slots[i] != null) continue;
                Node.AsmOperand op = all.get(i);
                String cons = op.constraint().replaceAll("[=+&%]", "");
                Type ty = op.expr().ty;
                String fixed = null;
                for (char c : cons.toCharArray()) if (regForConstraint(c) != null) fixed = regForConstraint(c);
                if (op.expr().kind == Kind.VAR && op.expr().var.isLocal && op.expr().var.asmName != null)
                    fixed = "%" + op.expr().var.asmName.replace("%", "");
                if (!cons.isEmpty() && Character.isDigit(cons.charAt(0))) {
                    int tied = cons.charAt(0) - '0';
                    if (tied >= outs.size()) throw op.expr().tok.error("invalid matching constraint in asm");
                    if (pass == 0) continue;
                    slots[i] = new AsmSlot(slots[tied].reg(), null, false, ty);
                    continue;
                }
                if (pass == 0) {
                    if (fixed == null) continue;
                    slots[i] = new AsmSlot(fixed, null, false, ty);
                    used.add(fixed);
                    continue;
                }
                Long c = i >= outs.size() ? constantValue(op.expr()) : null;
                if ((cons.contains("i") || cons.contains("n")) && c != null) {
                    slots[i] = new AsmSlot(null, "$" + c, false, ty);
                    continue;
                }
                boolean memory = cons.contains("m") && !cons.contains("r") || !cons.contains("r") && !cons.contains("g")
                    && !cons.contains("q") && (ty.isStructOrUnion() || ty.kind == Type.Kind.ARRAY);
                if (!cons.contains("r") && !cons.contains("g") && !cons.contains("q") && !cons.contains("m"))
                    throw op.expr().tok.error("unsupported asm constraint '" + op.constraint() + "'");
                String reg = null;
                for (String r : ASM_POOL) if (!used.contains(r)) { reg = r; break; }
                if (reg == null) throw op.expr().tok.error("asm operands need more registers than are free");
                used.add(reg);
                slots[i] = new AsmSlot(reg, null, memory, ty);
            }
        }
        // evaluate every input (and in-out) value, then move them into their registers
        List<Integer> loaded = new java.util.ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Node.AsmOperand op = all.get(i);
            AsmSlot slot = slots[i];
            boolean isOut = i < outs.size();
            if (slot.immediate() != null) continue;
            if (slot.memory()) {
                genAddr(op.expr());
            } else if (isOut && !op.constraint().startsWith("+")) {
                continue;
            } else {
                genExpr(op.expr());
                if (op.expr().ty.isFlonum()) throw op.expr().tok.error("floating-point asm operands are not supported");
            }
            push();
            loaded.add(i);
        }
        for (int k = loaded.size() - 1; k >= 0; k--) pop(slots[loaded.get(k)].reg());
        println("  " + substituteAsm(node, all, slots).replace("\n", "\n  "));
        // store outputs: park every output register on the stack, then write each through its lvalue
        List<Integer> stores = new java.util.ArrayList<>();
        for (int i = 0; i < outs.size(); i++) {
            if (slots[i].memory()) continue;
            println("  push " + slots[i].reg());
            depth++;
            stores.add(i);
        }
        for (int k = stores.size() - 1; k >= 0; k--) {
            Node lhs = outs.get(stores.get(k)).expr();
            genAddr(lhs);
            println("  mov %rax, %rdi");
            pop("%rax");
            storeToRdi(lhs.ty);
        }
    }

    private String substituteAsm(Node node, List<Node.AsmOperand> all, AsmSlot[] slots) {
        String t = node.asmTemplate;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c != '%' || i + 1 >= t.length()) { sb.append(c); continue; }
            char n = t.charAt(++i);
            if (n == '%') { sb.append('%'); continue; }
            char modifier = 0;
            if ("kqwbhcP".indexOf(n) >= 0 && i + 1 < t.length() && (Character.isDigit(t.charAt(i + 1)) || t.charAt(i + 1) == '[')) {
                modifier = n;
                n = t.charAt(++i);
            }
            int idx;
            if (n == '[') {
                int close = t.indexOf(']', i);
                if (close < 0) throw node.tok.error("unterminated operand name in asm template");
                String name = t.substring(i + 1, close);
                idx = -1;
                for (int k = 0; k < all.size(); k++) if (name.equals(all.get(k).name())) idx = k;
                if (idx < 0) throw node.tok.error("undefined named operand '" + name + "'");
                i = close;
            } else if (Character.isDigit(n)) {
                int j = i;
                while (j + 1 < t.length() && Character.isDigit(t.charAt(j + 1))) j++;
                idx = Integer.parseInt(t.substring(i, j + 1));
                i = j;
            } else {
                sb.append('%').append(n);
                continue;
            }
            if (idx >= all.size()) throw node.tok.error("operand number out of range in asm");
            AsmSlot slot = slots[idx];
            if (slot.immediate() != null) {
                sb.append(modifier == 'c' || modifier == 'P' ? slot.immediate().substring(1) : slot.immediate());
            } else if (slot.memory()) {
                sb.append("(").append(slot.reg()).append(")");
            } else {
                int size = switch (modifier) {
                    case 'k' -> 4;
                    case 'q' -> 8;
                    case 'w' -> 2;
                    case 'b' -> 1;
                    default -> slot.ty().base != null ? 8 : Math.max(1, Math.min(8, slot.ty().size));
                };
                sb.append(sized(slot.reg(), size));
            }
        }
        return sb.toString();
    }

    // ---- statements ----

    private void genStmt(Node node) {
        emitLoc(node);
        switch (node.kind) {
            case IF -> {
                int c = count();
                genExpr(node.cond);
                cmpZero(node.cond.ty);
                println("  je .L.else." + c);
                genStmt(node.then);
                println("  jmp .L.end." + c);
                println(".L.else." + c + ":");
                if (node.els != null) genStmt(node.els);
                println(".L.end." + c + ":");
            }
            case FOR -> {
                int c = count();
                if (node.var != null) println("  mov %rsp, " + node.var.offset + "(%rbp)");
                if (node.init != null) genStmt(node.init);
                println(".L.begin." + c + ":");
                if (node.cond != null) {
                    genExpr(node.cond);
                    cmpZero(node.cond.ty);
                    println("  je " + node.brkLabel);
                }
                genStmt(node.then);
                println(node.contLabel + ":");
                restoreLoopSp(node);
                if (node.inc != null) genDiscard(node.inc);
                println("  jmp .L.begin." + c);
                println(node.brkLabel + ":");
                restoreLoopSp(node);
            }
            case DO -> {
                int c = count();
                if (node.var != null) println("  mov %rsp, " + node.var.offset + "(%rbp)");
                println(".L.begin." + c + ":");
                genStmt(node.then);
                println(node.contLabel + ":");
                restoreLoopSp(node);
                genExpr(node.cond);
                cmpZero(node.cond.ty);
                println("  jne .L.begin." + c);
                println(node.brkLabel + ":");
                restoreLoopSp(node);
            }
            case SWITCH -> genSwitch(node);
            case CASE -> {
                println(node.label + ":");
                genStmt(node.lhs);
            }
            case BLOCK -> {
                for (Node n : node.body) genStmt(n);
            }
            case GOTO -> println("  jmp " + node.uniqueLabel);
            case GOTO_EXPR -> {
                genExpr(node.lhs);
                println("  jmp *%rax");
            }
            case LABEL -> {
                println(node.uniqueLabel + ":");
                genStmt(node.lhs);
            }
            case RETURN -> {
                if (node.lhs != null && currentFn.ty.returnTy.kind == Type.Kind.VOID) {
                    genDiscard(node.lhs);
                } else if (node.lhs != null) {
                    genExpr(node.lhs);
                    Type ty = node.lhs.ty;
                    if (ty.isStructOrUnion()) {
                        if (isMemoryReturn(ty)) copyStructMem(ty); else copyStructReg(ty);
                    }
                }
                println("  jmp .L.return." + currentFn.name);
            }
            case EXPR_STMT -> genDiscard(node.lhs);
            default -> genDiscard(node);
        }
    }

    /** A loop whose body declares VLAs frees them on every pass and on exit. */
    private void restoreLoopSp(Node loop) {
        if (loop.var != null) println("  mov " + loop.var.offset + "(%rbp), %rsp");
    }

    private void genSwitch(Node node) {
        genExpr(node.cond);
        Type ty = node.cond.ty;
        boolean wide = ty.size == 8;
        String ax = wide ? "%rax" : "%eax", di = wide ? "%rdi" : "%edi";
        for (Node c : node.cases) {
            long begin = wide ? c.begin : (int) c.begin;
            long end = wide ? c.end : (int) c.end;
            if (begin == end) {
                movImm(begin, "%rdi");
                println("  cmp " + di + ", " + ax);
                println("  je " + c.label);
                continue;
            }
            println("  mov %rax, %rdx");
            movImm(begin, "%rdi");
            println(wide ? "  sub %rdi, %rdx" : "  sub %edi, %edx");
            movImm(end - begin, "%rdi");
            println(wide ? "  cmp %rdi, %rdx" : "  cmp %edi, %edx");
            println("  jbe " + c.label);
        }
        if (node.defaultCase != null) println("  jmp " + node.defaultCase.label);
        println("  jmp " + node.brkLabel);
        genStmt(node.then);
        println(node.brkLabel + ":");
    }

    // ---- frame layout ----

    /** Assigns %rbp offsets: stack-passed parameters above the frame, everything else below it. */
    private void assignLvarOffsets(Obj fn) {
        int top = 16, bottom = 0;
        int gp = 0, fp = 0;
        if (isMemoryReturn(fn.ty.returnTy)) gp++;
        java.util.Set<Obj> onStack = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Obj var : fn.params) {
            Type ty = var.ty;
            boolean stack;
            switch (ty.kind) {
                case STRUCT, UNION -> {
                    if (isMemoryClass(ty)) stack = true;
                    else {
                        int nf = fpCount(ty), ng = gpCount(ty);
                        if ((nf == 0 || fp + nf <= FP_MAX) && (ng == 0 || gp + ng <= GP_MAX)) { fp += nf; gp += ng; stack = false; }
                        else stack = true;
                    }
                }
                case FLOAT, DOUBLE -> stack = fp++ >= FP_MAX;
                case LDOUBLE -> stack = true;
                default -> stack = gp++ >= GP_MAX;
            }
            if (!stack) continue;
            top = alignTo(top, Math.max(8, ty.align));
            var.offset = top;
            top += alignTo(ty.size, 8);
            onStack.add(var);
        }
        fnGp = Math.min(gp, GP_MAX);
        fnFp = Math.min(fp, FP_MAX);
        fnStackArgsEnd = top;
        if (isMemoryReturn(fn.ty.returnTy)) {
            bottom += 8;
            retBufOffset = -bottom;
        }
        for (Obj var : fn.locals) {
            if (onStack.contains(var)) continue;
            if (var.isIndirect) {
                bottom = alignTo(bottom + 8, 8);
                var.offset = -bottom;
                continue;
            }
            int align = var.ty.kind == Type.Kind.ARRAY && var.ty.size >= 16 ? Math.max(16, var.align) : var.align;
            bottom += Math.max(var.ty.size, 0);
            bottom = alignTo(bottom, Math.max(align, 1));
            var.offset = -bottom;
        }
        fn.stackSize = alignTo(bottom, 16);
        paramsOnStack = onStack;
    }

    private java.util.Set<Obj> paramsOnStack;

    private void storeGp(int r, int offset, int sz) {
        switch (sz) {
            case 1 -> println("  mov " + ARGREG8[r] + ", " + offset + "(%rbp)");
            case 2 -> println("  mov " + ARGREG16[r] + ", " + offset + "(%rbp)");
            case 4 -> println("  mov " + ARGREG32[r] + ", " + offset + "(%rbp)");
            case 8 -> println("  mov " + ARGREG64[r] + ", " + offset + "(%rbp)");
            default -> {
                for (int i = 0; i < sz; i++) {
                    println("  mov " + ARGREG8[r] + ", " + (offset + i) + "(%rbp)");
                    println("  shr $8, " + ARGREG64[r]);
                }
            }
        }
    }

    private void storeFp(int r, int offset, int sz) {
        if (sz == 4) println("  movss %xmm" + r + ", " + offset + "(%rbp)");
        else println("  movsd %xmm" + r + ", " + offset + "(%rbp)");
    }

    // ---- top level ----

    private void emitProgram(List<Obj> prog) {
        println("  .file \"" + escape(mainFile) + "\"");
        emitData(prog);
        if (options.debugInfo()) println("  .text\n.Ltext0:");
        emitText(prog);
        if (options.debugInfo()) {
            println("  .text\n.Letext0:");
            out.append(debugInfo.generate(mainFile, System.getProperty("user.dir")));
        }
        println("  .section .note.GNU-stack,\"\",@progbits");
    }

    private void emitData(List<Obj> prog) {
        java.util.Set<String> emitted = new java.util.HashSet<>();
        for (Obj var : prog) {
            if (var.isFunction || !var.isDefinition || var.toplevelAsm != null) continue;
            if (!emitted.add(var.symbol())) continue;
            if (var.ty.size < 0) throw var.tok.error("storage size of '" + var.name + "' isn't known");
            int align = var.ty.kind == Type.Kind.ARRAY && var.ty.size >= 16 ? Math.max(16, var.align) : var.align;
            if (!var.isStatic) println((var.isWeak ? "  .weak " : "  .globl ") + var.symbol());
            int size = var.ty.size;
            if (var.ty.kind == Type.Kind.ARRAY && var.ty.arrayLen < 0) size = var.ty.base.size;   // `int a[];` is one element
            if (var.initData == null) {
                println(var.isTls ? "  .section .tbss,\"awT\",@nobits" : "  .bss");
                println("  .type " + var.symbol() + ", @object");
                println("  .size " + var.symbol() + ", " + size);
                println("  .align " + align);
                println(var.symbol() + ":");
                println("  .zero " + Math.max(size, 1));
                continue;
            }
            println(var.isTls ? "  .section .tdata,\"awT\",@progbits" : var.isReadOnly ? "  .section .rodata" : "  .data");
            println("  .type " + var.symbol() + ", @object");
            println("  .size " + var.symbol() + ", " + var.ty.size);
            println("  .align " + align);
            println(var.symbol() + ":");
            emitBytes(var);
        }
    }

    private void emitBytes(Obj var) {
        byte[] data = var.initData;
        Map<Integer, Obj.Relocation> rels = new HashMap<>();
        for (Obj.Relocation r : var.rels) rels.put(r.offset(), r);
        int pos = 0;
        while (pos < data.length) {
            Obj.Relocation r = rels.get(pos);
            if (r != null) {
                println("  .quad " + r.label() + (r.addend() == 0 ? "" : (r.addend() > 0 ? "+" : "") + r.addend()));
                pos += 8;
                continue;
            }
            int end = pos;
            while (end < data.length && data[end] == 0 && !rels.containsKey(end)) end++;
            if (end - pos >= 8 || (end == data.length && end > pos)) {
                println("  .zero " + (end - pos));
                pos = end;
                continue;
            }
            StringBuilder sb = new StringBuilder("  .byte ");
            int n = 0;
            while (pos < data.length && n < 16 && !rels.containsKey(pos)) {
                if (n > 0) sb.append(',');
                sb.append(data[pos] & 0xff);
                pos++;
                n++;
            }
            println(sb.toString());
        }
    }

    private void emitWeakReferences(List<Obj> prog) {
        // a weak declaration without a definition is a weak undefined reference
        for (Obj o : prog) if (o.isWeak && !o.isDefinition) println("  .weak " + o.symbol());
    }

    private void emitText(List<Obj> prog) {
        emitWeakReferences(prog);
        for (Obj o : prog) {
            if (o.toplevelAsm == null) continue;
            println("  .text");
            println(o.toplevelAsm);
        }
        for (Obj fn : prog) {
            if (!fn.isFunction || !fn.isDefinition || !fn.isLive) continue;
            currentFn = fn;
            assignLvarOffsets(fn);
            if (!fn.isStatic) println((fn.isWeak ? "  .weak " : "  .globl ") + fn.symbol());
            println("  .text");
            println("  .type " + fn.symbol() + ", @function");
            println(fn.symbol() + ":");
            // gdb skips the prologue by finding the function's second line-table row: one for the opening line
            // here, the next at the first statement
            lastLocLine = -1;
            if (options.debugInfo() && fn.tok != null) emitLoc(fn.tok);
            println("  push %rbp");
            println("  mov %rsp, %rbp");
            if (fn.stackSize > 0) println("  sub $" + fn.stackSize + ", %rsp");
            saveParams(fn);
            depth = 0;
            genStmt(fn.body);
            if (depth != 0) throw fn.tok.error("internal compiler error: unbalanced expression stack in '" + fn.name + "'");
            if (fn.name.equals("main")) println("  mov $0, %eax");
            println(".L.return." + fn.name + ":");
            println("  mov %rbp, %rsp");
            println("  pop %rbp");
            println("  ret");
            if (options.debugInfo()) describeFunction(fn);
            println("  .size " + fn.symbol() + ", .-" + fn.symbol());
        }
    }

    private final DebugInfo debugInfo = new DebugInfo();

    /** Ends the function's address range with a label and records it for .debug_info. */
    private void describeFunction(Obj fn) {
        String end = ".Lfunc_end" + count();
        println(end + ":");
        if (fn.tok == null) return;
        List<DebugInfo.Param> params = new java.util.ArrayList<>();
        for (Obj p : fn.params) if (p.name != null && !p.isIndirect) params.add(new DebugInfo.Param(p.name, p.ty, p.offset));
        debugInfo.add(new DebugInfo.Function(fn.symbol(), fn.name, fn.ty.returnTy, fileNumber(fn.tok.file), fn.tok.line, !fn.isStatic, end, params));
    }

    private void saveParams(Obj fn) {
        int gp = 0, fp = 0;
        if (isMemoryReturn(fn.ty.returnTy)) {
            println("  mov %rdi, " + retBufOffset + "(%rbp)");
            gp++;
        }
        if (fn.vaArea != null) {
            // the register save area, laid out as the SysV va_list expects
            int off = fn.vaArea.offset;
            for (int i = 0; i < 6; i++) println("  mov " + ARGREG64[i] + ", " + (off + i * 8) + "(%rbp)");
            for (int i = 0; i < 8; i++) println("  movaps %xmm" + i + ", " + (off + 48 + i * 16) + "(%rbp)");
        }
        for (Obj var : fn.params) {
            if (paramsOnStack.contains(var)) continue;
            Type ty = var.ty;
            switch (ty.kind) {
                case STRUCT, UNION -> {
                    if (fp1(ty)) storeFp(fp++, var.offset, Math.min(8, ty.size));
                    else storeGp(gp++, var.offset, Math.min(8, ty.size));
                    if (ty.size > 8) {
                        if (fp2(ty)) storeFp(fp++, var.offset + 8, ty.size - 8);
                        else storeGp(gp++, var.offset + 8, ty.size - 8);
                    }
                }
                case FLOAT, DOUBLE -> storeFp(fp++, var.offset, ty.size);
                default -> storeGp(gp++, var.offset, ty.size);
            }
        }
    }

    /** The x87 80-bit extended encoding of a double, padded to 16 bytes. */
    static byte[] toX87(double d) {
        long bits = Double.doubleToRawLongBits(d);
        int sign = (int) (bits >>> 63);
        int exp = (int) ((bits >>> 52) & 0x7ff);
        long mant = bits & ((1L << 52) - 1);
        int e;
        long m;
        if (exp == 0 && mant == 0) {
            e = 0;
            m = 0;
        } else if (exp == 0x7ff) {
            e = 0x7fff;
            m = (1L << 63) | (mant << 11);
        } else if (exp == 0) {
            int p = 63 - Long.numberOfLeadingZeros(mant);
            m = mant << (63 - p);
            e = 16383 + (p - 1074);
        } else {
            e = exp - 1023 + 16383;
            m = (1L << 63) | (mant << 11);
        }
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) b[i] = (byte) (m >>> (8 * i));
        int top = (sign << 15) | e;
        b[8] = (byte) top;
        b[9] = (byte) (top >>> 8);
        return b;
    }
}
