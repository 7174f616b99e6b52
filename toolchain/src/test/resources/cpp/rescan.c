/* rescanning and blue paint (6.10.3.4) */
#define f(a) a*g
#define g(a) f(a)
f(2)(9)
#define foo foo
foo foo
#define bar baz
#define baz bar
bar baz
#define AA BB
#define BB AA
AA BB
#define lparen (
#define F(x) [x]
F lparen 1)
#define LPAREN (
#define RPAREN )
#define G(x, y) x + y
#define ELLIP_FUNC(...) __VA_ARGS__
ELLIP_FUNC(G, LPAREN 'a', 'b' RPAREN);
#define NIL(xxx) xxx
#define G_0(arg) NIL(G_1)(arg)
#define G_1(arg) NIL(arg)
G_0(42)
#define recur(x) x recur
recur(recur(1))(2)
#define EMPTY
#define DEFER(id) id EMPTY
#define EXPAND(...) __VA_ARGS__
#define A() 123
DEFER(A)()
EXPAND(DEFER(A)())
#define CAT(a, b) a ## b
#define XCAT(a, b) CAT(a, b)
CAT(C, AT)(x, y) XCAT(X, CAT)(1, 2) CAT(1, CAT(2, 3))
#define plus +
#define minus -
a plus+b minus-c plus plus d
#define e1 1e
e1+5 -x- EMPTY -y
#define call(f, ...) f(__VA_ARGS__)
call(G, 1, 2) call(F, (a, b))
#define str(x) #x
#define xstr(x) str(x)
str( a  "\n"   '\'' + b ) xstr(__LINE__) str(L"x" 'y') str(  )
#define OBJ (1 + OBJ)
OBJ
#define FN(x) (x + FN(x))
FN(FN(1))
