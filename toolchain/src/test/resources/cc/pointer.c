#include "test.h"

int add2(int a, int b) { return a + b; }
int sub2(int a, int b) { return a - b; }
int apply(int (*f)(int, int), int a, int b) { return f(a, b); }
typedef int (*binop)(int, int);
binop pick(int which) { return which ? add2 : sub2; }
int sum_array(int *a, int n) { int s = 0; for (int i = 0; i < n; i++) s += a[i]; return s; }
int sum_matrix(int m[][3], int rows) { int s = 0; for (int i = 0; i < rows; i++) for (int j = 0; j < 3; j++) s += m[i][j]; return s; }
void swap(int *a, int *b) { int t = *a; *a = *b; *b = t; }
int (*table[2])(int, int) = {add2, sub2};
int global_arr[5] = {1, 2, 3, 4, 5};
int *global_ptr = &global_arr[2];
char *global_str = "global";
int (*global_fp)(int, int) = &add2;

int main(void) {
    int x = 3;
    int *p = &x;
    ASSERT(3, *p);
    *p = 7;
    ASSERT(7, x);
    int **pp = &p;
    ASSERT(7, **pp);
    int a[5] = {10, 20, 30, 40, 50};
    ASSERT(10, *a);
    ASSERT(30, *(a + 2));
    ASSERT(40, a[3]);
    ASSERT(40, 3[a]);
    int *q = a + 4;
    ASSERT(50, *q);
    ASSERT(4, q - a);
    ASSERT(8, sizeof(q - a));
    ASSERT(40, *--q);
    ASSERT(40, *q++);
    ASSERT(50, *q);
    ASSERT(1, q > a);
    ASSERT(1, a < q);
    ASSERT(1, q != a);
    ASSERT(20, sizeof(a));
    ASSERT(5, sizeof(a) / sizeof(a[0]));
    ASSERT(8, sizeof(&a));
    ASSERT(20, sizeof(*&a));
    ASSERT(150, sum_array(a, 5));
    {
        int m[2][3] = {{1, 2, 3}, {4, 5, 6}};
        ASSERT(24, sizeof(m));
        ASSERT(12, sizeof(m[0]));
        ASSERT(6, m[1][2]);
        ASSERT(4, *m[1]);
        ASSERT(5, *(*(m + 1) + 1));
        ASSERT(21, sum_matrix(m, 2));
        int (*row)[3] = m + 1;
        ASSERT(6, (*row)[2]);
        ASSERT(12, (char *)(m + 1) - (char *)m);
        int cube[2][3][4];
        for (int i = 0; i < 2; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 4; k++) cube[i][j][k] = i * 100 + j * 10 + k;
        ASSERT(123, cube[1][2][3]);
        ASSERT(96, sizeof(cube));
        ASSERT(16, sizeof(cube[0][0]));
    }
    {
        int u = 1, v = 2;
        swap(&u, &v);
        ASSERT(2, u);
        ASSERT(1, v);
    }
    ASSERT(7, apply(add2, 3, 4));
    ASSERT(-1, apply(sub2, 3, 4));
    ASSERT(7, pick(1)(3, 4));
    ASSERT(-1, pick(0)(3, 4));
    ASSERT(9, table[0](4, 5));
    ASSERT(-1, (*table[1])(4, 5));
    ASSERT(5, (*global_fp)(2, 3));
    ASSERT(5, global_fp(2, 3));
    {
        int (*fp)(int, int) = add2;
        ASSERT(3, fp(1, 2));
        ASSERT(3, (*fp)(1, 2));
        ASSERT(3, (**fp)(1, 2));
        ASSERT(1, fp == add2);
        fp = &sub2;
        ASSERT(-1, fp(1, 2));
    }
    ASSERT(3, *global_ptr);
    ASSERT(4, global_ptr[1]);
    ASSERT(0, strcmp(global_str, "global"));
    {
        void *vp = a;
        ASSERT(20, *((int *)vp + 1));
        char *cp = (char *)a;
        ASSERT(10, *cp);
        ASSERT(20, *(int *)(cp + 4));
        long addr = (long)a;
        ASSERT(1, (int *)addr == a);
        int *null = 0;
        ASSERT(1, null == 0);
        ASSERT(1, !null);
        ASSERT(0, null != (void *)0);
        ASSERT(1, p && 1);
        const char *s = "xyz";
        ASSERT(122, s[2]);
        ASSERT(3, strlen(s));
        char buf[16];
        char *w = buf;
        for (const char *r = "copy"; *r; r++) *w++ = *r;
        *w = 0;
        ASSERT_S("copy", buf);
        ASSERT(4, w - buf);
    }
    {
        int arr[3] = {1, 2, 3};
        int *pa = arr;
        *pa++ += 10;
        ASSERT(11, arr[0]);
        ASSERT(2, *pa);
        (*pa)++;
        ASSERT(3, arr[1]);
        pa += 1;
        ASSERT(3, *pa);
        pa -= 2;
        ASSERT(11, *pa);
    }
    report(__FILE__);
    return 0;
}
