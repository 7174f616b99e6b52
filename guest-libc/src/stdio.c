/* stdio.c: buffered streams with glibc's buffering policy: buffers come from
 * malloc on first use, sized by st_blksize (at most BUFSIZ); a stream on a terminal is line
 * buffered; stderr is unbuffered; large writes bypass the buffer in blocks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>
#include "libc.h"

#define F_READ 1
#define F_WRITE 2
#define F_EOF 4
#define F_ERR 8
#define F_LINEBUF 16
#define F_UNBUF 32
#define F_USERBUF 64      /* buffer belongs to the caller (setvbuf) */
#define F_MODE_SET 128    /* buffering chosen by setvbuf, not by the terminal test */
#define F_STATIC 256      /* one of the three standard streams */

#define UNGET_MAX 8
#define FILE_ALLOC_SIZE 472   /* what glibc's fopen asks malloc for */

struct _IO_FILE {
    int fd;
    int flags;
    unsigned char *buf;
    size_t bufsize;
    unsigned char *rpos, *rend;   /* unread input in buf */
    unsigned char *wpos;          /* pending output is buf..wpos; NULL when not writing */
    unsigned char *wend;          /* putc stores directly below this, as glibc's _IO_write_end */
    unsigned char ungot[UNGET_MAX];
    int nungot;
    unsigned char onebyte;        /* buffer of unbuffered input */
    struct _IO_FILE *next;
};

static FILE stdin_file = { 0, F_READ | F_STATIC };
static FILE stdout_file = { 1, F_WRITE | F_STATIC };
static FILE stderr_file = { 2, F_WRITE | F_STATIC | F_UNBUF };

FILE *stdin = &stdin_file;
FILE *stdout = &stdout_file;
FILE *stderr = &stderr_file;

/* Newest stream first, ending stderr, stdout, stdin, as glibc's list. */
static FILE *all_files;

void __stdio_init(void)
{
    stdin_file.next = NULL;
    stdout_file.next = &stdin_file;
    stderr_file.next = &stdout_file;
    all_files = &stderr_file;
}

/* ---- buffers ---- */

static int raw_write(FILE *f, const unsigned char *p, size_t n)
{
    while (n > 0) {
        ssize_t k = write(f->fd, p, n);
        if (k < 0) {
            if (errno == EINTR)
                continue;
            f->flags |= F_ERR;
            return -1;
        }
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

/* glibc's _IO_file_doallocate: st_blksize bytes when that is below BUFSIZ,
 * else BUFSIZ; line buffering for terminals. */
static void allocate_buffer(FILE *f)
{
    struct stat st;
    size_t size = BUFSIZ;

    if (f->flags & F_UNBUF) {
        f->buf = &f->onebyte;
        f->bufsize = 1;
        return;
    }
    if (fstat(f->fd, &st) == 0) {
        if (S_ISCHR(st.st_mode) && !(f->flags & F_MODE_SET) && isatty(f->fd))
            f->flags |= F_LINEBUF;
        if (st.st_blksize > 0 && st.st_blksize < BUFSIZ)
            size = (size_t)st.st_blksize;
    }
    f->buf = malloc(size);
    if (f->buf == NULL) {
        f->flags |= F_UNBUF;
        f->buf = &f->onebyte;
        size = 1;
    }
    f->bufsize = size;
}

static void release_buffer(FILE *f)
{
    if (f->buf && f->buf != &f->onebyte && !(f->flags & F_USERBUF))
        free(f->buf);
    f->buf = NULL;
    f->bufsize = 0;
    f->flags &= ~F_USERBUF;
}

/* Where putc may store without calling overflow: nowhere for line-buffered and
 * unbuffered streams (so every byte is inspected), the buffer's end otherwise.
 * Like glibc, this is recomputed only at flushes, not when setvbuf changes mode. */
static void reset_write_area(FILE *f)
{
    f->wpos = f->buf;
    f->wend = (f->flags & (F_LINEBUF | F_UNBUF)) ? f->buf : f->buf + f->bufsize;
}

static int flush_output(FILE *f)
{
    size_t n;

    if (f->wpos == NULL)
        return 0;
    n = (size_t)(f->wpos - f->buf);
    reset_write_area(f);
    if (n && raw_write(f, f->buf, n) < 0)
        return EOF;
    return 0;
}

/* Gives back read-ahead to the kernel's file offset, then leaves read mode. */
static void drop_input(FILE *f)
{
    long unread = (long)(f->rend - f->rpos) + f->nungot;

    if (f->rpos && unread > 0)
        lseek(f->fd, -unread, SEEK_CUR);
    f->rpos = f->rend = NULL;
    f->nungot = 0;
}

/* glibc's _IO_new_file_overflow: enter write mode if needed, then either
 * flush (c == EOF) or store c, flushing when full or at a line end. */
static int overflow(FILE *f, int c)
{
    if (!(f->flags & F_WRITE)) {
        f->flags |= F_ERR;
        errno = EBADF;
        return EOF;
    }
    if (f->wpos == NULL) {
        drop_input(f);
        if (f->buf == NULL)
            allocate_buffer(f);
        reset_write_area(f);
    }
    if (c == EOF)
        return flush_output(f);
    if (f->wpos == f->buf + f->bufsize && flush_output(f) == EOF)
        return EOF;
    *f->wpos++ = (unsigned char)c;
    if ((f->flags & F_UNBUF) || ((f->flags & F_LINEBUF) && c == '\n'))
        if (flush_output(f) == EOF)
            return EOF;
    return (unsigned char)c;
}

static int put_byte(FILE *f, int c)
{
    if (f->wpos && f->wpos < f->wend) {
        *f->wpos++ = (unsigned char)c;
        return (unsigned char)c;
    }
    return overflow(f, c);
}

/* glibc's _IO_default_xsputn: copy while there is room, overflow otherwise. */
static size_t put_through(FILE *f, const unsigned char *s, size_t n)
{
    size_t more = n, count;

    while (more > 0) {
        count = f->wpos && f->wend > f->wpos ? (size_t)(f->wend - f->wpos) : 0;
        if (count > 0) {
            if (count > more)
                count = more;
            memcpy(f->wpos, s, count);
            f->wpos += count;
            s += count;
            more -= count;
        }
        if (more == 0 || overflow(f, *s++) == EOF)
            break;
        more--;
    }
    return n - more;
}

/* glibc's _IO_new_file_xsputn, including its line-buffer and block rules. */
static size_t put_bytes(FILE *f, const unsigned char *s, size_t n)
{
    size_t to_do = n, count = 0, block, direct;
    int must_flush = 0;

    if (n == 0)
        return 0;
    if ((f->flags & F_LINEBUF) && f->wpos) {
        count = (size_t)(f->buf + f->bufsize - f->wpos);
        if (count >= n) {
            const unsigned char *p = s + n;
            while (p > s) {
                if (*--p == '\n') {
                    count = (size_t)(p - s) + 1;
                    must_flush = 1;
                    break;
                }
            }
        }
    } else if (f->wpos && f->wend > f->wpos) {
        count = (size_t)(f->wend - f->wpos);
    }
    if (count > to_do)
        count = to_do;
    if (count > 0) {
        memcpy(f->wpos, s, count);
        f->wpos += count;
        s += count;
        to_do -= count;
    }
    if (to_do + (size_t)must_flush > 0) {
        if (overflow(f, EOF) == EOF)
            return n - to_do;
        block = f->bufsize;
        direct = to_do - (block >= 128 ? to_do % block : 0);
        if (direct) {
            if (raw_write(f, s, direct) < 0)
                return n - to_do;
            s += direct;
            to_do -= direct;
        }
        if (to_do)
            to_do -= put_through(f, s, to_do);
    }
    return n - to_do;
}

/* Reading from a terminal-like stream first pushes out a line-buffered stdout. */
static int refill(FILE *f)
{
    ssize_t n;

    if (!(f->flags & F_READ)) {
        f->flags |= F_ERR;
        errno = EBADF;
        return EOF;
    }
    if (f->wpos) {
        if (flush_output(f) == EOF)
            return EOF;
        f->wpos = NULL;
    }
    if (f->buf == NULL)
        allocate_buffer(f);
    if ((f->flags & (F_LINEBUF | F_UNBUF)) && (stdout->flags & F_LINEBUF) && stdout->wpos)
        flush_output(stdout);
    n = read(f->fd, f->buf, f->bufsize);
    if (n <= 0) {
        f->flags |= n == 0 ? F_EOF : F_ERR;
        f->rpos = f->rend = f->buf;
        return EOF;
    }
    f->rpos = f->buf;
    f->rend = f->buf + n;
    return 0;
}

static int get_byte(FILE *f)
{
    if (f->nungot > 0)
        return f->ungot[--f->nungot];
    if (f->rpos == NULL || f->rpos >= f->rend)
        if (refill(f) == EOF)
            return EOF;
    return *f->rpos++;
}

/* ---- opening and closing ---- */

static int parse_mode(const char *mode, int *stream_flags)
{
    int flags;

    switch (*mode) {
    case 'r':
        flags = O_RDONLY;
        *stream_flags = F_READ;
        break;
    case 'w':
        flags = O_WRONLY | O_CREAT | O_TRUNC;
        *stream_flags = F_WRITE;
        break;
    case 'a':
        flags = O_WRONLY | O_CREAT | O_APPEND;
        *stream_flags = F_WRITE;
        break;
    default:
        errno = EINVAL;
        return -1;
    }
    for (mode++; *mode; mode++) {
        if (*mode == '+') {
            flags = (flags & ~O_ACCMODE) | O_RDWR;
            *stream_flags = F_READ | F_WRITE;
        } else if (*mode == 'x') {
            flags |= O_EXCL;
        } else if (*mode == 'e') {
            flags |= O_CLOEXEC;
        }
    }
    return flags;
}

static FILE *new_stream(int fd, int stream_flags)
{
    FILE *f = malloc(FILE_ALLOC_SIZE);

    if (f == NULL)
        return NULL;
    memset(f, 0, sizeof(*f));
    f->fd = fd;
    f->flags = stream_flags;
    f->next = all_files;
    all_files = f;
    return f;
}

FILE *fopen(const char *path, const char *mode)
{
    int stream_flags, fd;
    int flags = parse_mode(mode, &stream_flags);
    FILE *f;

    if (flags < 0)
        return NULL;
    f = new_stream(-1, stream_flags);
    if (f == NULL)
        return NULL;
    fd = open(path, flags, 0666);
    if (fd < 0) {
        all_files = f->next;
        free(f);
        return NULL;
    }
    f->fd = fd;
    return f;
}

FILE *fdopen(int fd, const char *mode)
{
    int stream_flags;

    if (parse_mode(mode, &stream_flags) < 0)
        return NULL;
    return new_stream(fd, stream_flags);
}

static void unlink_stream(FILE *f)
{
    FILE **p;

    for (p = &all_files; *p; p = &(*p)->next) {
        if (*p == f) {
            *p = f->next;
            return;
        }
    }
}

int fclose(FILE *f)
{
    int r = fflush(f);

    if (close(f->fd) < 0)
        r = EOF;
    release_buffer(f);
    unlink_stream(f);
    if (!(f->flags & F_STATIC))
        free(f);
    return r;
}

FILE *freopen(const char *path, const char *mode, FILE *f)
{
    int stream_flags, fd;
    int flags = parse_mode(mode, &stream_flags);

    fflush(f);
    if (flags < 0 || path == NULL)
        return NULL;
    close(f->fd);
    fd = open(path, flags, 0666);
    if (fd < 0)
        return NULL;
    release_buffer(f);
    f->fd = fd;
    f->flags = (f->flags & F_STATIC) | stream_flags;
    f->rpos = f->rend = f->wpos = NULL;
    f->nungot = 0;
    return f;
}

int fflush(FILE *f)
{
    int r = 0;

    if (f == NULL) {
        for (f = all_files; f; f = f->next)
            if (f->wpos && flush_output(f) == EOF)
                r = EOF;
        return r;
    }
    if (f->wpos)
        return flush_output(f);
    if (f->rpos && f->rpos < f->rend)
        drop_input(f);
    return 0;
}

void __stdio_exit(void)
{
    fflush(NULL);
}

int setvbuf(FILE *f, char *buf, int mode, size_t size)
{
    switch (mode) {
    case _IOFBF:
        f->flags &= ~(F_LINEBUF | F_UNBUF);
        f->flags |= F_MODE_SET;
        if (buf == NULL) {
            if (f->buf == NULL)
                allocate_buffer(f);
            f->flags &= ~F_LINEBUF;
            return 0;
        }
        break;
    case _IOLBF:
        f->flags &= ~F_UNBUF;
        f->flags |= F_LINEBUF | F_MODE_SET;
        if (buf == NULL)
            return 0;
        break;
    case _IONBF:
        fflush(f);
        f->wpos = NULL;
        f->flags &= ~F_LINEBUF;
        f->flags |= F_UNBUF | F_MODE_SET;
        release_buffer(f);
        f->buf = &f->onebyte;
        f->bufsize = 1;
        return 0;
    default:
        errno = EINVAL;
        return EOF;
    }
    fflush(f);
    f->wpos = NULL;
    release_buffer(f);
    f->buf = (unsigned char *)buf;
    f->bufsize = size;
    f->flags |= F_USERBUF;
    return 0;
}

void setbuf(FILE *f, char *buf)
{
    setvbuf(f, buf, buf ? _IOFBF : _IONBF, BUFSIZ);
}

void setlinebuf(FILE *f)
{
    setvbuf(f, NULL, _IOLBF, 0);
}

/* ---- positioning and state ---- */

int fseeko(FILE *f, off_t off, int whence)
{
    if (f->wpos) {
        if (flush_output(f) == EOF)
            return -1;
        f->wpos = NULL;
    }
    if (whence == SEEK_CUR && f->rpos)
        off -= (off_t)(f->rend - f->rpos) + f->nungot;
    f->rpos = f->rend = NULL;
    f->nungot = 0;
    if (lseek(f->fd, off, whence) < 0)
        return -1;
    f->flags &= ~F_EOF;
    return 0;
}

int fseek(FILE *f, long off, int whence)
{
    return fseeko(f, off, whence);
}

off_t ftello(FILE *f)
{
    off_t pos = lseek(f->fd, 0, SEEK_CUR);

    if (pos < 0)
        return -1;
    if (f->rpos)
        pos -= (off_t)(f->rend - f->rpos) + f->nungot;
    if (f->wpos)
        pos += (off_t)(f->wpos - f->buf);
    return pos;
}

long ftell(FILE *f)
{
    return ftello(f);
}

void rewind(FILE *f)
{
    fseek(f, 0, SEEK_SET);
    f->flags &= ~F_ERR;
}

int fgetpos(FILE *f, fpos_t *pos)
{
    pos->__pos = ftello(f);
    pos->__state = 0;
    return pos->__pos < 0 ? -1 : 0;
}

int fsetpos(FILE *f, const fpos_t *pos)
{
    return fseeko(f, pos->__pos, SEEK_SET);
}

int feof(FILE *f) { return (f->flags & F_EOF) != 0; }
int ferror(FILE *f) { return (f->flags & F_ERR) != 0; }
void clearerr(FILE *f) { f->flags &= ~(F_EOF | F_ERR); }
int fileno(FILE *f) { return f->fd; }

/* ---- character and block I/O ---- */

int fputc(int c, FILE *f) { return put_byte(f, c); }
int putc(int c, FILE *f) { return put_byte(f, c); }
int putchar(int c) { return put_byte(stdout, c); }

int fputs(const char *s, FILE *f)
{
    size_t n = strlen(s);

    return put_bytes(f, (const unsigned char *)s, n) == n ? 1 : EOF;
}

int puts(const char *s)
{
    size_t n = strlen(s);

    if (put_bytes(stdout, (const unsigned char *)s, n) != n || put_byte(stdout, '\n') == EOF)
        return EOF;
    return (int)n + 1 > 0 ? (int)n + 1 : 0x7fffffff;
}

size_t fwrite(const void *buf, size_t size, size_t n, FILE *f)
{
    size_t total = size * n;

    if (total == 0)
        return 0;
    return put_bytes(f, buf, total) / size;
}

int fgetc(FILE *f) { return get_byte(f); }
int getc(FILE *f) { return get_byte(f); }
int getchar(void) { return get_byte(stdin); }

int ungetc(int c, FILE *f)
{
    if (c == EOF || f->nungot == UNGET_MAX)
        return EOF;
    if (f->wpos) {
        flush_output(f);
        f->wpos = NULL;
    }
    f->ungot[f->nungot++] = (unsigned char)c;
    f->flags &= ~F_EOF;
    return (unsigned char)c;
}

size_t fread(void *buf, size_t size, size_t n, FILE *f)
{
    unsigned char *p = buf;
    size_t want = size * n, got = 0;
    int c;

    if (want == 0)
        return 0;
    while (got < want) {
        if (f->nungot == 0 && f->rpos && f->rpos < f->rend) {
            size_t k = (size_t)(f->rend - f->rpos);
            if (k > want - got)
                k = want - got;
            memcpy(p + got, f->rpos, k);
            f->rpos += k;
            got += k;
            continue;
        }
        c = get_byte(f);
        if (c == EOF)
            break;
        p[got++] = (unsigned char)c;
    }
    return got / size;
}

char *fgets(char *s, int n, FILE *f)
{
    int i = 0, c;

    if (n <= 0)
        return NULL;
    while (i < n - 1) {
        c = get_byte(f);
        if (c == EOF)
            break;
        s[i++] = (char)c;
        if (c == '\n')
            break;
    }
    if (i == 0 || (f->flags & F_ERR))
        return NULL;
    s[i] = 0;
    return s;
}

/* glibc's getdelim: 120 bytes to start, then copy buffer-sized runs, growing
 * to at least twice the old capacity, so realloc sees the same sizes. */
ssize_t getdelim(char **line, size_t *cap, int delim, FILE *f)
{
    size_t used = 0, len, needed;
    unsigned char *end;
    char *grown;

    if (line == NULL || cap == NULL) {
        errno = EINVAL;
        return -1;
    }
    if (*line == NULL || *cap == 0) {
        *cap = 120;
        *line = realloc(*line, *cap);
        if (*line == NULL)
            return -1;
    }
    if (f->nungot == 0 && (f->rpos == NULL || f->rpos >= f->rend) && refill(f) == EOF)
        return -1;
    for (;;) {
        if (f->nungot > 0) {
            unsigned char c = f->ungot[--f->nungot];
            end = c == (unsigned char)delim ? &c : NULL;
            len = 1;
            needed = used + 2;
            if (needed > *cap) {
                if (needed < 2 * *cap)
                    needed = 2 * *cap;
                grown = realloc(*line, needed);
                if (grown == NULL)
                    return -1;
                *line = grown;
                *cap = needed;
            }
            (*line)[used++] = (char)c;
            if (end)
                break;
            if (f->nungot == 0 && (f->rpos == NULL || f->rpos >= f->rend) && refill(f) == EOF)
                break;
            continue;
        }
        len = (size_t)(f->rend - f->rpos);
        end = memchr(f->rpos, delim, len);
        if (end)
            len = (size_t)(end - f->rpos) + 1;
        needed = used + len + 1;
        if (needed > *cap) {
            if (needed < 2 * *cap)
                needed = 2 * *cap;
            grown = realloc(*line, needed);
            if (grown == NULL)
                return -1;
            *line = grown;
            *cap = needed;
        }
        memcpy(*line + used, f->rpos, len);
        f->rpos += len;
        used += len;
        if (end || refill(f) == EOF)
            break;
    }
    (*line)[used] = 0;
    return (ssize_t)used;
}

ssize_t getline(char **line, size_t *cap, FILE *f)
{
    return getdelim(line, cap, '\n', f);
}

/* ---- formatted output ---- */

/* printf into an unbuffered stream collects up to BUFSIZ bytes per write,
 * as glibc's helper buffer does. */
struct unbuffered_sink {
    FILE *f;
    size_t n;
    unsigned char buf[BUFSIZ];
};

static void emit_unbuffered(void *ctx, const char *s, size_t n)
{
    struct unbuffered_sink *u = ctx;

    while (n > 0) {
        size_t k = BUFSIZ - u->n;
        if (k > n)
            k = n;
        memcpy(u->buf + u->n, s, k);
        u->n += k;
        s += k;
        n -= k;
        if (u->n == BUFSIZ) {
            raw_write(u->f, u->buf, u->n);
            u->n = 0;
        }
    }
}

static void emit_stream(void *ctx, const char *s, size_t n)
{
    put_bytes(ctx, (const unsigned char *)s, n);
}

int vfprintf(FILE *f, const char *fmt, va_list ap)
{
    struct unbuffered_sink u;
    int r;

    if (!(f->flags & F_WRITE)) {
        f->flags |= F_ERR;
        errno = EBADF;
        return -1;
    }
    if (!(f->flags & F_UNBUF))
        r = __vformat(emit_stream, f, fmt, ap);
    else {
        u.f = f;
        u.n = 0;
        r = __vformat(emit_unbuffered, &u, fmt, ap);
        if (u.n)
            raw_write(f, u.buf, u.n);
    }
    return (f->flags & F_ERR) ? -1 : r;
}

int vprintf(const char *fmt, va_list ap)
{
    return vfprintf(stdout, fmt, ap);
}

int printf(const char *fmt, ...)
{
    va_list ap;
    int r;

    va_start(ap, fmt);
    r = vfprintf(stdout, fmt, ap);
    va_end(ap);
    return r;
}

int fprintf(FILE *f, const char *fmt, ...)
{
    va_list ap;
    int r;

    va_start(ap, fmt);
    r = vfprintf(f, fmt, ap);
    va_end(ap);
    return r;
}

struct string_sink {
    char *buf;
    size_t size;
    size_t n;
};

static void emit_string(void *ctx, const char *s, size_t n)
{
    struct string_sink *ss = ctx;
    size_t room = ss->size > ss->n ? ss->size - ss->n - 1 : 0;

    if (ss->size && room > 0)
        memcpy(ss->buf + ss->n, s, n < room ? n : room);
    ss->n += n;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct string_sink ss;
    int r;

    ss.buf = buf;
    ss.size = size;
    ss.n = 0;
    r = __vformat(emit_string, &ss, fmt, ap);
    if (size)
        buf[ss.n < size ? ss.n : size - 1] = 0;
    return r;
}

int vsprintf(char *buf, const char *fmt, va_list ap)
{
    return vsnprintf(buf, (size_t)0x7fffffff, fmt, ap);
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int r;

    va_start(ap, fmt);
    r = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return r;
}

int sprintf(char *buf, const char *fmt, ...)
{
    va_list ap;
    int r;

    va_start(ap, fmt);
    r = vsprintf(buf, fmt, ap);
    va_end(ap);
    return r;
}

int vasprintf(char **out, const char *fmt, va_list ap)
{
    va_list copy;
    int n;

    va_copy(copy, ap);
    n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    *out = malloc((size_t)n + 1);
    if (*out == NULL)
        return -1;
    return vsnprintf(*out, (size_t)n + 1, fmt, ap);
}

int asprintf(char **out, const char *fmt, ...)
{
    va_list ap;
    int r;

    va_start(ap, fmt);
    r = vasprintf(out, fmt, ap);
    va_end(ap);
    return r;
}

struct fd_sink {
    int fd;
    size_t n;
    char buf[BUFSIZ];
};

static void emit_fd(void *ctx, const char *s, size_t n)
{
    struct fd_sink *d = ctx;

    while (n > 0) {
        size_t k = BUFSIZ - d->n;
        if (k > n)
            k = n;
        memcpy(d->buf + d->n, s, k);
        d->n += k;
        s += k;
        n -= k;
        if (d->n == BUFSIZ) {
            write(d->fd, d->buf, d->n);
            d->n = 0;
        }
    }
}

int vdprintf(int fd, const char *fmt, va_list ap)
{
    static struct fd_sink d;
    int r;

    d.fd = fd;
    d.n = 0;
    r = __vformat(emit_fd, &d, fmt, ap);
    if (d.n && write(fd, d.buf, d.n) < 0)
        return -1;
    return r;
}

int dprintf(int fd, const char *fmt, ...)
{
    va_list ap;
    int r;

    va_start(ap, fmt);
    r = vdprintf(fd, fmt, ap);
    va_end(ap);
    return r;
}

void perror(const char *s)
{
    const char *msg = strerror(errno);

    if (s && *s)
        fprintf(stderr, "%s: %s\n", s, msg);
    else
        fprintf(stderr, "%s\n", msg);
}

int remove(const char *path)
{
    if (unlink(path) == 0)
        return 0;
    if (errno == EISDIR)
        return rmdir(path);
    return -1;
}
