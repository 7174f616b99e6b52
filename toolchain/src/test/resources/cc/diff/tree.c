#include <stdio.h>
#include <stdlib.h>

typedef struct node {
    int key;
    struct node *left, *right;
} node;

static node *insert(node *t, int key) {
    if (!t) {
        node *n = malloc(sizeof *n);
        *n = (node){key, NULL, NULL};
        return n;
    }
    if (key < t->key) t->left = insert(t->left, key);
    else if (key > t->key) t->right = insert(t->right, key);
    return t;
}

static int height(const node *t) {
    if (!t) return 0;
    int l = height(t->left), r = height(t->right);
    return 1 + (l > r ? l : r);
}

static void walk(const node *t, void (*visit)(int, void *), void *ctx) {
    if (!t) return;
    walk(t->left, visit, ctx);
    visit(t->key, ctx);
    walk(t->right, visit, ctx);
}

struct stats { long sum; int count; int last; int sorted; };

static void collect(int key, void *ctx) {
    struct stats *s = ctx;
    s->sum += key;
    if (s->count && key < s->last) s->sorted = 0;
    s->last = key;
    s->count++;
}

static void free_tree(node *t) {
    if (!t) return;
    free_tree(t->left);
    free_tree(t->right);
    free(t);
}

union value { long i; double d; unsigned char bytes[8]; };

int main(void) {
    node *root = NULL;
    for (int i = 0; i < 1000; i++) root = insert(root, (i * 7919) % 1009);
    struct stats s = {0, 0, 0, 1};
    walk(root, collect, &s);
    printf("count=%d sum=%ld sorted=%d height=%d\n", s.count, s.sum, s.sorted, height(root));
    free_tree(root);
    union value v;
    v.d = -2.5;
    printf("%016lx %d %d\n", (unsigned long)v.i, v.bytes[7], v.bytes[0]);
    return 0;
}
