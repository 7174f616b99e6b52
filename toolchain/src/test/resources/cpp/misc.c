/* assorted corners: digraphs, splices, empty arguments, stringizing, counters */
%:define DIGRAPH(x) <: 1 :> <% %> %:x a %:%: b
DIGRAPH(y)
#define str(x) #x
#define xstr(x) str(x)
str(<:) str("a\\b\"c") str('\0') str(  leading   and   trailing  ) str(a
b)
lo\
ng_ident\
ifier = 1;
#define EMPTY
#define F(a, b) <a|b>
F(,) F(EMPTY, EMPTY) F((,), [])
#define COUNT __COUNTER__ __COUNTER__
COUNT COUNT
#define VA(...) [__VA_ARGS__] #__VA_ARGS__
VA() VA( ) VA(1,2 , 3) VA((a,b),c)
#define PASTE(a,b) a##b
PASTE(x, 1) PASTE(0x, 1p3) PASTE(., 5) PASTE(<, <=) PASTE(%:, %:) PASTE(L, 'a') PASTE(u8, "s")
#define NEST(x) F(x, NEST)
NEST(NEST(1))
#define SELF(x) x SELF
SELF(SELF)(2)
#if defined(SELF) + defined EMPTY == 2 && (3 ? 4 : (1/0)) == 4 && 0xffffffffffffffff == -1 && -1 >> 63 == -1
math_ok
#endif
#if 1 ? 2 : 3, 4
comma_ok
#endif
#undef str
str(9)
#define FN_SPACE (x) x
FN_SPACE
#define OBJ() 1
OBJ ()
#define ARGS(x, y) x y
ARGS(
  first,
  second
)
after_multiline __LINE__
