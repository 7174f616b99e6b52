/* time.c: calendar breakdown in UTC. */
#include <time.h>

static int is_leap(long y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

struct tm *gmtime_r(const time_t *t, struct tm *tm)
{
    static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    long days = *t / 86400, secs = *t % 86400, year = 1970;
    int m = 0, dim;

    if (secs < 0) {
        secs += 86400;
        days--;
    }
    tm->tm_hour = (int)(secs / 3600);
    tm->tm_min = (int)(secs / 60 % 60);
    tm->tm_sec = (int)(secs % 60);
    tm->tm_wday = (int)(((days % 7) + 11) % 7);     /* 1970-01-01 was a Thursday */
    while (days < 0 || days >= 365 + is_leap(year)) {
        if (days < 0) {
            year--;
            days += 365 + is_leap(year);
        } else {
            days -= 365 + is_leap(year);
            year++;
        }
    }
    tm->tm_year = (int)(year - 1900);
    tm->tm_yday = (int)days;
    for (;;) {
        dim = mdays[m] + (m == 1 && is_leap(year));
        if (days < dim)
            break;
        days -= dim;
        m++;
    }
    tm->tm_mon = m;
    tm->tm_mday = (int)days + 1;
    tm->tm_isdst = 0;
    tm->tm_gmtoff = 0;
    tm->tm_zone = "GMT";
    return tm;
}

struct tm *gmtime(const time_t *t)
{
    static struct tm tm;

    return gmtime_r(t, &tm);
}
