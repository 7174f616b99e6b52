package dev.boardup.toolchain.cc;

import java.util.ArrayList;
import java.util.List;

/** A C type with its x86-64 SysV size and alignment. */
final class Type {
    enum Kind { VOID, BOOL, CHAR, SHORT, INT, LONG, FLOAT, DOUBLE, LDOUBLE, ENUM, PTR, FUNC, ARRAY, VLA, STRUCT, UNION }

    /** A struct or union member. */
    static final class Member {
        Type ty;
        Token name;
        Token tok;
        int idx;
        int align;
        int offset;
        boolean isBitfield;
        int bitOffset;
        int bitWidth;
    }

    Kind kind;
    int size;
    int align;
    boolean isUnsigned;
    boolean isConst;
    Type origin;           // the type this one was copied from, for compatibility checks

    Type base;             // pointee or element type

    int arrayLen;          // -1 for an incomplete array
    Node vlaLen;           // VLA: the length expression
    Obj vlaSize;           // VLA: the local holding its size in bytes, once computed

    List<Member> members = new ArrayList<>();
    boolean isFlexible;
    boolean isPacked;
    int isPackedTo;        // #pragma pack(n) in force at the definition

    Type returnTy;
    List<Type> params = new ArrayList<>();
    List<Token> paramNames = new ArrayList<>();
    boolean isVariadic;
    boolean isOldStyle;    // K&R "()" declaration: accepts any arguments

    Type(Kind kind, int size, int align) {
        this.kind = kind;
        this.size = size;
        this.align = align;
    }

    static final Type VOID = new Type(Kind.VOID, 1, 1);
    static final Type BOOL = new Type(Kind.BOOL, 1, 1);
    static final Type CHAR = new Type(Kind.CHAR, 1, 1);
    static final Type SHORT = new Type(Kind.SHORT, 2, 2);
    static final Type INT = new Type(Kind.INT, 4, 4);
    static final Type LONG = new Type(Kind.LONG, 8, 8);
    static final Type UCHAR = unsigned(Kind.CHAR, 1);
    static final Type USHORT = unsigned(Kind.SHORT, 2);
    static final Type UINT = unsigned(Kind.INT, 4);
    static final Type ULONG = unsigned(Kind.LONG, 8);
    static final Type FLOAT = new Type(Kind.FLOAT, 4, 4);
    static final Type DOUBLE = new Type(Kind.DOUBLE, 8, 8);
    static final Type LDOUBLE = new Type(Kind.LDOUBLE, 16, 16);

    private static Type unsigned(Kind k, int size) {
        Type t = new Type(k, size, size);
        t.isUnsigned = true;
        return t;
    }

    boolean isInteger() {
        return switch (kind) {
            case BOOL, CHAR, SHORT, INT, LONG, ENUM -> true;
            default -> false;
        };
    }

    boolean isFlonum() { return kind == Kind.FLOAT || kind == Kind.DOUBLE || kind == Kind.LDOUBLE; }
    boolean isNumeric() { return isInteger() || isFlonum(); }
    boolean isScalar() { return isNumeric() || kind == Kind.PTR; }
    boolean isStructOrUnion() { return kind == Kind.STRUCT || kind == Kind.UNION; }
    boolean isPointerLike() { return base != null && (kind == Kind.PTR || kind == Kind.ARRAY || kind == Kind.VLA); }

    static Type vlaOf(Type base, Node len) {
        Type t = new Type(Kind.VLA, 8, 8);
        t.base = base;
        t.vlaLen = len;
        return t;
    }

    Type copy() {
        Type t = new Type(kind, size, align);
        t.isUnsigned = isUnsigned;
        t.isConst = isConst;
        t.base = base;
        t.arrayLen = arrayLen;
        t.vlaLen = vlaLen;
        t.vlaSize = vlaSize;
        t.members = members;
        t.isFlexible = isFlexible;
        t.isPacked = isPacked;
        t.returnTy = returnTy;
        t.params = params;
        t.paramNames = paramNames;
        t.isVariadic = isVariadic;
        t.isOldStyle = isOldStyle;
        t.origin = this;
        return t;
    }

    static Type pointerTo(Type base) {
        Type t = new Type(Kind.PTR, 8, 8);
        t.base = base;
        t.isUnsigned = true;
        return t;
    }

    static Type funcType(Type returnTy) {
        Type t = new Type(Kind.FUNC, 1, 1);
        t.returnTy = returnTy;
        return t;
    }

    static Type arrayOf(Type base, int len) {
        Type t = new Type(Kind.ARRAY, base.size * Math.max(len, 0), base.align);
        t.base = base;
        t.arrayLen = len;
        return t;
    }

    static Type enumType() { return new Type(Kind.ENUM, 4, 4); }

    static Type structType() {
        Type t = new Type(Kind.STRUCT, 0, 1);
        t.size = -1;
        return t;
    }

    static boolean isCompatible(Type t1, Type t2) {
        if (t1 == t2) return true;
        if (t1.origin != null) return isCompatible(t1.origin, t2);
        if (t2.origin != null) return isCompatible(t1, t2.origin);
        if (t1.kind != t2.kind) return false;
        switch (t1.kind) {
            case CHAR, SHORT, INT, LONG: return t1.isUnsigned == t2.isUnsigned;
            case FLOAT, DOUBLE, LDOUBLE, VOID, BOOL: return true;
            case PTR: return isCompatible(t1.base, t2.base);
            case FUNC: {
                if (!isCompatible(t1.returnTy, t2.returnTy)) return false;
                if (t1.isVariadic != t2.isVariadic) return false;
                if (t1.params.size() != t2.params.size()) return false;
                for (int i = 0; i < t1.params.size(); i++)
                    if (!isCompatible(t1.params.get(i), t2.params.get(i))) return false;
                return true;
            }
            case ARRAY:
                if (!isCompatible(t1.base, t2.base)) return false;
                return t1.arrayLen < 0 || t2.arrayLen < 0 || t1.arrayLen == t2.arrayLen;
            default: return false;
        }
    }

    /** The type of a binary arithmetic expression after the usual arithmetic conversions (C11 6.3.1.8). */
    static Type commonType(Type t1, Type t2) {
        if (t1.base != null) return pointerTo(t1.base);
        if (t1.kind == Kind.FUNC) return pointerTo(t1);
        if (t2.kind == Kind.FUNC) return pointerTo(t2);
        if (t1.kind == Kind.LDOUBLE || t2.kind == Kind.LDOUBLE) return LDOUBLE;
        if (t1.kind == Kind.DOUBLE || t2.kind == Kind.DOUBLE) return DOUBLE;
        if (t1.kind == Kind.FLOAT || t2.kind == Kind.FLOAT) return FLOAT;
        if (t1.size < 4) t1 = INT;
        if (t2.size < 4) t2 = INT;
        if (t1.size != t2.size) return t1.size < t2.size ? t2 : t1;
        if (t2.isUnsigned) return t2;
        return t1;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case VOID -> "void";
            case BOOL -> "_Bool";
            case CHAR -> isUnsigned ? "unsigned char" : "char";
            case SHORT -> isUnsigned ? "unsigned short" : "short";
            case INT -> isUnsigned ? "unsigned int" : "int";
            case LONG -> isUnsigned ? "unsigned long" : "long";
            case FLOAT -> "float";
            case DOUBLE -> "double";
            case LDOUBLE -> "long double";
            case ENUM -> "enum";
            case PTR -> base + " *";
            case FUNC -> returnTy + " (*)()";
            case ARRAY -> base + "[" + (arrayLen < 0 ? "" : arrayLen) + "]";
            case VLA -> base + "[*]";
            case STRUCT -> "struct";
            case UNION -> "union";
        };
    }
}
