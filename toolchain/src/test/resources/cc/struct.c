#include "test.h"

struct point { int x, y; };
struct rect { struct point tl, br; };
union number { int i; float f; char bytes[4]; };
struct flags { unsigned a : 1; unsigned b : 3; int c : 4; unsigned : 0; unsigned d : 5; };
struct bits64 { unsigned long lo : 40; long hi : 24; };
struct flex { int n; int data[]; };
struct anon { int kind; union { int i; double d; }; struct { char tag; short len; }; };
struct __attribute__((packed)) packed { char c; int i; short s; };
struct aligned { char c; _Alignas(16) int i; };
struct node { int value; struct node *next; };
typedef struct { char c; double d; char e; } padded;
struct incomplete;
struct with_array { char name[5]; int vals[3]; };
#pragma pack(push, 1)
struct pk1 { char c; int i; double d; };
#pragma pack(pop)
#pragma pack(2)
struct pk2 { char c; int i; };
#pragma pack()
struct pk0 { char c; int i; };

int area(struct rect r) { return (r.br.x - r.tl.x) * (r.br.y - r.tl.y); }
struct point add_points(struct point a, struct point b) { struct point r = {a.x + b.x, a.y + b.y}; return r; }
int list_sum(struct node *n) { return n ? n->value + list_sum(n->next) : 0; }

int main(void) {
    struct point p;
    p.x = 3;
    p.y = 4;
    ASSERT(3, p.x);
    ASSERT(4, p.y);
    ASSERT(8, sizeof(p));
    struct point *pp = &p;
    pp->x = 10;
    ASSERT(10, p.x);
    ASSERT(4, (*pp).y);
    struct rect r = {{0, 0}, {3, 5}};
    ASSERT(15, area(r));
    ASSERT(16, sizeof(struct rect));
    struct point q = p;
    q.y = 9;
    ASSERT(4, p.y);
    ASSERT(9, q.y);
    struct point s = add_points(p, q);
    ASSERT(20, s.x);
    ASSERT(13, s.y);
    ASSERT(13, add_points(p, q).y);

    union number n;
    n.f = 1.0f;
    ASSERT(0x3f800000, n.i);
    ASSERT(4, sizeof(n));
    n.i = 0x01020304;
    ASSERT(4, n.bytes[0]);
    ASSERT(1, n.bytes[3]);

    struct flags f = {0};
    ASSERT(8, sizeof(f));
    f.a = 1;
    f.b = 7;
    f.c = -3;
    f.d = 31;
    ASSERT(1, f.a);
    ASSERT(7, f.b);
    ASSERT(-3, f.c);
    ASSERT(31, f.d);
    f.b = 9;
    ASSERT(1, f.b);
    f.c = 7;
    ASSERT(7, f.c);
    f.c += 1;
    ASSERT(-8, f.c);
    f.b++;
    ASSERT(2, f.b);
    ASSERT(5, f.b = 13);
    struct bits64 b64;
    b64.lo = 0xffffffffffL;
    b64.hi = -2;
    ASSERT(0xffffffffffL, b64.lo);
    ASSERT(-2, b64.hi);
    ASSERT(8, sizeof(b64));

    ASSERT(4, sizeof(struct flex));
    {
        union { struct flex f; int space[4]; } u;
        u.f.n = 3;
        u.f.data[0] = 7;
        u.f.data[2] = 9;
        ASSERT(7, u.space[1]);
        ASSERT(9, u.space[3]);
    }
    struct anon an;
    an.kind = 1;
    an.d = 2.5;
    an.tag = 'x';
    an.len = 300;
    ASSERT_D(2.5, an.d);
    ASSERT(120, an.tag);
    ASSERT(300, an.len);
    ASSERT(24, sizeof(struct anon));
    ASSERT(7, sizeof(struct packed));
    ASSERT(1, _Alignof(struct packed));
    ASSERT(32, sizeof(struct aligned));
    ASSERT(16, _Alignof(struct aligned));
    ASSERT(24, sizeof(padded));
    ASSERT(8, __builtin_offsetof(padded, d));
    ASSERT(16, __builtin_offsetof(padded, e));
    ASSERT(8, __builtin_offsetof(struct anon, i));
    ASSERT(18, __builtin_offsetof(struct anon, len));
    ASSERT(1, __builtin_offsetof(struct packed, i));
    ASSERT(20, sizeof(struct with_array));
    ASSERT(13, sizeof(struct pk1));
    ASSERT(5, __builtin_offsetof(struct pk1, d));
    ASSERT(1, _Alignof(struct pk1));
    ASSERT(6, sizeof(struct pk2));
    ASSERT(2, _Alignof(struct pk2));
    ASSERT(8, sizeof(struct pk0));
    {
        struct pk1 v = {1, 2, 3.5};
        v.i += 40;
        ASSERT(42, v.i);
        ASSERT_D(3.5, v.d);
    }
    ASSERT(8, __builtin_offsetof(struct with_array, vals[1]) - 4);

    struct node n3 = {3, 0}, n2 = {2, &n3}, n1 = {1, &n2};
    ASSERT(6, list_sum(&n1));
    ASSERT(3, n1.next->next->value);
    {
        struct { int a; struct { int b; } inner; } nested = {1, {2}};
        ASSERT(2, nested.inner.b);
        struct point arr[3] = {{1, 2}, {3, 4}, {5, 6}};
        ASSERT(24, sizeof(arr));
        ASSERT(6, arr[2].y);
        struct point *ap = arr;
        ap++;
        ASSERT(3, ap->x);
        ASSERT(1, (ap - 1)->x);
        struct incomplete *ip = 0;
        ASSERT(1, ip == 0);
        struct point t;
        t = arr[1];
        ASSERT(4, t.y);
        arr[0] = arr[2];
        ASSERT(5, arr[0].x);
        struct point cond = 1 ? arr[1] : arr[2];
        ASSERT(3, cond.x);
    }
    {
        struct s1 { int v; } a = {1};
        {
            struct s1 { char c; } b = {2};
            ASSERT(1, sizeof(b));
        }
        ASSERT(4, sizeof(a));
    }
    report(__FILE__);
    return 0;
}
