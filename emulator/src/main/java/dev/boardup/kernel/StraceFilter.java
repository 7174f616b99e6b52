package dev.boardup.kernel;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which system calls --strace shows: strace's {@code -e trace=SET} expressions, where SET is {@code [!]value[,value]}
 * and a value is a call's name, a class ({@code %file}, {@code %process}, {@code %memory}, ...), {@code all},
 * {@code none}, {@code /regex}, and may carry {@code ?} (no error when nothing matches) or {@code @64}. As with
 * strace, the last {@code -e trace=} wins, and the "+++ exited" lines are shown whatever the set; {@code -e signal=SET}
 * picks the signals whose "--- SIG" and "+++ killed by" lines are shown.
 */
public final class StraceFilter {
    public static final StraceFilter ALL = new StraceFilter(Set.of(), true, -1L);

    /** Every x86-64 system call name strace knows, by number: 0-334, then 424 on. */
    private static final List<String> BY_NUMBER = List.of((
            "read write open close stat fstat lstat poll lseek mmap mprotect munmap brk rt_sigaction rt_sigprocmask "
            + "rt_sigreturn ioctl pread64 pwrite64 readv writev access pipe select sched_yield mremap msync mincore "
            + "madvise shmget shmat shmctl dup dup2 pause nanosleep getitimer alarm setitimer getpid sendfile socket "
            + "connect accept sendto recvfrom sendmsg recvmsg shutdown bind listen getsockname getpeername socketpair "
            + "setsockopt getsockopt clone fork vfork execve exit wait4 kill uname semget semop semctl shmdt msgget "
            + "msgsnd msgrcv msgctl fcntl flock fsync fdatasync truncate ftruncate getdents getcwd chdir fchdir rename "
            + "mkdir rmdir creat link unlink symlink readlink chmod fchmod chown fchown lchown umask gettimeofday "
            + "getrlimit getrusage sysinfo times ptrace getuid syslog getgid setuid setgid geteuid getegid setpgid "
            + "getppid getpgrp setsid setreuid setregid getgroups setgroups setresuid getresuid setresgid getresgid "
            + "getpgid setfsuid setfsgid getsid capget capset rt_sigpending rt_sigtimedwait rt_sigqueueinfo "
            + "rt_sigsuspend sigaltstack utime mknod uselib personality ustat statfs fstatfs sysfs getpriority "
            + "setpriority sched_setparam sched_getparam sched_setscheduler sched_getscheduler sched_get_priority_max "
            + "sched_get_priority_min sched_rr_get_interval mlock munlock mlockall munlockall vhangup modify_ldt "
            + "pivot_root _sysctl prctl arch_prctl adjtimex setrlimit chroot sync acct settimeofday mount umount2 "
            + "swapon swapoff reboot sethostname setdomainname iopl ioperm create_module init_module delete_module "
            + "get_kernel_syms query_module quotactl nfsservctl getpmsg putpmsg afs_syscall tuxcall security gettid "
            + "readahead setxattr lsetxattr fsetxattr getxattr lgetxattr fgetxattr listxattr llistxattr flistxattr "
            + "removexattr lremovexattr fremovexattr tkill time futex sched_setaffinity sched_getaffinity "
            + "set_thread_area io_setup io_destroy io_getevents io_submit io_cancel get_thread_area lookup_dcookie "
            + "epoll_create epoll_ctl_old epoll_wait_old remap_file_pages getdents64 set_tid_address restart_syscall "
            + "semtimedop fadvise64 timer_create timer_settime timer_gettime timer_getoverrun timer_delete "
            + "clock_settime clock_gettime clock_getres clock_nanosleep exit_group epoll_wait epoll_ctl tgkill utimes "
            + "vserver mbind set_mempolicy get_mempolicy mq_open mq_unlink mq_timedsend mq_timedreceive mq_notify "
            + "mq_getsetattr kexec_load waitid add_key request_key keyctl ioprio_set ioprio_get inotify_init "
            + "inotify_add_watch inotify_rm_watch migrate_pages openat mkdirat mknodat fchownat futimesat newfstatat "
            + "unlinkat renameat linkat symlinkat readlinkat fchmodat faccessat pselect6 ppoll unshare set_robust_list "
            + "get_robust_list splice tee sync_file_range vmsplice move_pages utimensat epoll_pwait signalfd "
            + "timerfd_create eventfd fallocate timerfd_settime timerfd_gettime accept4 signalfd4 eventfd2 "
            + "epoll_create1 dup3 pipe2 inotify_init1 preadv pwritev rt_tgsigqueueinfo perf_event_open recvmmsg "
            + "fanotify_init fanotify_mark prlimit64 name_to_handle_at open_by_handle_at clock_adjtime syncfs sendmmsg "
            + "setns getcpu process_vm_readv process_vm_writev kcmp finit_module sched_setattr sched_getattr renameat2 "
            + "seccomp getrandom memfd_create kexec_file_load bpf execveat userfaultfd membarrier mlock2 "
            + "copy_file_range preadv2 pwritev2 pkey_mprotect pkey_alloc pkey_free statx io_pgetevents rseq "
            + "pidfd_send_signal io_uring_setup io_uring_enter io_uring_register open_tree move_mount fsopen fsconfig "
            + "fsmount fspick pidfd_open clone3 close_range openat2 pidfd_getfd faccessat2 process_madvise "
            + "epoll_pwait2 mount_setattr quotactl_fd landlock_create_ruleset landlock_add_rule landlock_restrict_self "
            + "memfd_secret process_mrelease futex_waitv set_mempolicy_home_node cachestat fchmodat2 map_shadow_stack "
            + "futex_wake futex_wait futex_requeue statmount listmount lsm_get_self_attr lsm_set_self_attr "
            + "lsm_list_modules mseal setxattrat getxattrat "
            ).split(" "));
    private static final int FIRST_GAP = 335, AFTER_GAP = 424;
    static final Set<String> NAMES = Set.copyOf(BY_NUMBER);

    /** strace's syscall classes on x86-64 (its TF, TP, TM, TS, TD, TN, TI, TC, TCL, PU and stat flags). */
    static final Map<String, Set<String>> CLASSES = Map.ofEntries(
            clazz("file", "open stat lstat access execve truncate getcwd chdir rename mkdir rmdir creat link unlink "
                    + "symlink readlink chmod chown lchown utime mknod uselib statfs pivot_root chroot acct mount "
                    + "umount2 swapon swapoff quotactl setxattr lsetxattr getxattr lgetxattr listxattr llistxattr "
                    + "removexattr lremovexattr utimes inotify_add_watch openat mkdirat mknodat fchownat futimesat "
                    + "newfstatat unlinkat renameat linkat symlinkat readlinkat fchmodat faccessat utimensat "
                    + "fanotify_mark name_to_handle_at renameat2 execveat statx open_tree move_mount fsconfig fspick "
                    + "openat2 faccessat2 mount_setattr fchmodat2 setxattrat getxattrat"),
            clazz("process", "clone fork vfork execve exit wait4 kill rt_sigqueueinfo tkill exit_group tgkill waitid "
                    + "rt_tgsigqueueinfo execveat pidfd_send_signal clone3"),
            clazz("memory", "mmap mprotect munmap brk mremap msync mincore madvise shmat shmdt mlock munlock mlockall "
                    + "munlockall io_setup io_destroy remap_file_pages mbind set_mempolicy get_mempolicy "
                    + "migrate_pages move_pages mlock2 pkey_mprotect io_uring_register set_mempolicy_home_node "
                    + "map_shadow_stack mseal"),
            clazz("signal", "rt_sigaction rt_sigprocmask rt_sigreturn pause kill rt_sigpending rt_sigtimedwait "
                    + "rt_sigqueueinfo rt_sigsuspend sigaltstack tkill tgkill signalfd signalfd4 rt_tgsigqueueinfo "
                    + "pidfd_send_signal io_uring_enter"),
            clazz("desc", "read write open close fstat poll lseek mmap ioctl pread64 pwrite64 readv writev pipe "
                    + "select dup dup2 sendfile fcntl flock fsync fdatasync ftruncate getdents fchdir creat fchmod "
                    + "fchown fstatfs readahead fsetxattr fgetxattr flistxattr fremovexattr epoll_create getdents64 "
                    + "fadvise64 epoll_wait epoll_ctl mq_open mq_timedsend mq_timedreceive mq_notify mq_getsetattr "
                    + "inotify_init inotify_add_watch inotify_rm_watch openat mkdirat mknodat fchownat futimesat "
                    + "newfstatat unlinkat renameat linkat symlinkat readlinkat fchmodat faccessat pselect6 ppoll "
                    + "splice tee sync_file_range vmsplice utimensat epoll_pwait signalfd timerfd_create eventfd "
                    + "fallocate timerfd_settime timerfd_gettime signalfd4 eventfd2 epoll_create1 dup3 pipe2 "
                    + "inotify_init1 preadv pwritev perf_event_open fanotify_init fanotify_mark name_to_handle_at "
                    + "open_by_handle_at syncfs setns finit_module renameat2 memfd_create kexec_file_load bpf "
                    + "execveat userfaultfd copy_file_range preadv2 pwritev2 statx pidfd_send_signal io_uring_setup "
                    + "io_uring_enter io_uring_register open_tree move_mount fsopen fsconfig fsmount fspick "
                    + "pidfd_open openat2 pidfd_getfd faccessat2 process_madvise epoll_pwait2 mount_setattr "
                    + "quotactl_fd landlock_create_ruleset landlock_add_rule landlock_restrict_self memfd_secret "
                    + "process_mrelease cachestat fchmodat2 setxattrat getxattrat"),
            clazz("network", "sendfile socket connect accept sendto recvfrom sendmsg recvmsg shutdown bind listen "
                    + "getsockname getpeername socketpair setsockopt getsockopt getpmsg putpmsg accept4 recvmmsg "
                    + "sendmmsg"),
            clazz("ipc", "shmget shmat shmctl semget semop semctl shmdt msgget msgsnd msgrcv msgctl semtimedop"),
            clazz("creds", "getuid getgid setuid setgid geteuid getegid setreuid setregid getgroups setgroups "
                    + "setresuid getresuid setresgid getresgid setfsuid setfsgid capget capset prctl"),
            clazz("clock", "gettimeofday adjtimex settimeofday time clock_settime clock_gettime clock_getres "
                    + "clock_adjtime"),
            clazz("pure", "getpid getuid getgid geteuid getegid getppid getpgrp gettid"),
            clazz("stat", "stat"),
            clazz("lstat", "lstat"),
            clazz("fstat", "fstat newfstatat statx"),
            clazz("%stat", "stat fstat lstat newfstatat statx"));

    /** The classes strace still accepts without the percent sign (deprecated there, accepted here too). */
    private static final Set<String> BARE_CLASSES = Set.of("file", "process", "network", "signal", "ipc", "desc",
            "memory");

    /** Stands for "all": every number, those Linux does not have included. */
    private static final String EVERY = "*";

    private final Set<String> names;
    private final boolean negated;
    /** Bit sig-1 set: signal sig's "--- SIG" and "+++ killed by" lines are shown (strace's -e signal=). */
    private final long signals;

    private StraceFilter(Set<String> names, boolean negated, long signals) {
        this.names = names;
        this.negated = negated;
        this.signals = signals;
    }

    /** strace's name for system call {@code number}, or "syscall_N" for a number x86-64 Linux does not have. */
    public static String nameOf(long number) {
        if (number >= 0 && number < FIRST_GAP) return BY_NUMBER.get((int) number);
        long i = number - AFTER_GAP + FIRST_GAP;
        if (number >= AFTER_GAP && i < BY_NUMBER.size()) return BY_NUMBER.get((int) i);
        return "syscall_" + number;
    }

    /** Whether the call named {@code name} is shown ("syscall_N" for a number Linux does not have). */
    public boolean traces(String name) {
        return (names.contains(name) || names.contains(EVERY)) != negated;
    }

    /** Whether signal {@code sig}'s lines are shown. */
    public boolean tracesSignal(int sig) {
        return sig >= 1 && sig <= 64 && (signals & (1L << (sig - 1))) != 0;
    }

    /**
     * The filter the {@code -e} expressions give, in order: "trace=SET" ("t=SET", or just "SET") and
     * "signal=SET" ("signals=", "s="); for each, the last one wins. Throws IllegalArgumentException with strace's
     * complaint for a bad expression.
     */
    public static StraceFilter parse(List<String> expressions) {
        StraceFilter f = ALL;
        for (String e : expressions) {
            int eq = e.indexOf('=');
            String qualifier = eq < 0 ? "trace" : e.substring(0, eq);
            String set = e.substring(eq + 1);
            f = switch (qualifier) {
                case "trace", "t" -> traceSet(set, f.signals);
                case "signal", "signals", "s" -> new StraceFilter(f.names, f.negated, signalSet(set));
                default -> throw new IllegalArgumentException("only -e trace=SET and -e signal=SET are supported, "
                        + "not '" + qualifier + "='");
            };
        }
        return f;
    }

    private static StraceFilter traceSet(String set, long signals) {
        boolean negated = false;
        while (set.startsWith("!")) {
            negated = !negated;
            set = set.substring(1);
        }
        Set<String> names = new HashSet<>();
        for (String value : set.split(",", -1)) {
            names.addAll(values(value));
        }
        return new StraceFilter(Set.copyOf(names), negated, signals);
    }

    /** A signal set: names with or without SIG in any case, numbers, all, none, and "!" in front. */
    private static long signalSet(String set) {
        boolean negated = false;
        while (set.startsWith("!")) {
            negated = !negated;
            set = set.substring(1);
        }
        long bits = 0;
        for (String value : set.split(",", -1)) {
            bits |= switch (value.toLowerCase()) {
                case "all" -> -1L;
                case "none" -> 0L;
                default -> 1L << (signalNumber(value) - 1);
            };
        }
        return negated ? ~bits : bits;
    }

    private static int signalNumber(String value) {
        if (value.matches("\\d+")) {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= 64) return n;
        }
        String name = value.toUpperCase().startsWith("SIG") ? value.substring(3) : value;
        for (int sig = 1; sig <= 64; sig++) {
            if (ProcessSyscalls.signame(sig).equalsIgnoreCase(name)) return sig;
        }
        throw new IllegalArgumentException("invalid signal '" + value + "'");
    }

    /** The names one value stands for. */
    private static Set<String> values(String value) {
        boolean optional = value.startsWith("?");
        String v = optional ? value.substring(1) : value;
        if (v.endsWith("@64")) {
            v = v.substring(0, v.length() - 3);
        } else if (v.endsWith("@32") || v.endsWith("@x32")) {
            return Set.of(); // another personality: nothing a 64-bit program calls
        }
        Set<String> out = switch (v) {
            case "all" -> Set.of(EVERY);
            case "none" -> Set.of();
            default -> named(v);
        };
        if (out == null && !optional) {
            throw new IllegalArgumentException("invalid system call '" + value + "'");
        }
        return out == null ? Set.of() : out;
    }

    private static Set<String> named(String v) {
        if (v.startsWith("/")) {
            try {
                Pattern p = Pattern.compile(v.substring(1));
                Set<String> out = new HashSet<>();
                for (String n : NAMES) {
                    if (p.matcher(n).find()) out.add(n);
                }
                return out;
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("invalid regular expression '" + v.substring(1) + "'");
            }
        }
        if (v.startsWith("%")) {
            String c = v.substring(1);
            return CLASSES.get(c.equals("net") ? "network" : c);
        }
        if (BARE_CLASSES.contains(v)) {
            return CLASSES.get(v);
        }
        return NAMES.contains(v) ? Set.of(v) : null;
    }

    private static Map.Entry<String, Set<String>> clazz(String name, String members) {
        return Map.entry(name, Set.copyOf(Arrays.asList(members.split(" "))));
    }
}
