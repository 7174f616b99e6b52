package dev.boardup.kernel;

import dev.boardup.memory.PhysicalMemory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The generated text of /proc/[pid]/status (and of another process's maps and cmdline), /proc/meminfo and the mm
 * sysctls under /proc/sys (randomize_va_space, mmap_rnd_bits, mmap_min_addr, overcommit_memory), in the fields,
 * order and format of this machine's Linux (6.x). Memory figures come from the process's VMAs and page tables
 * (task_mem's rules: VmData is private writable non-stack memory, VmExe the program's executable segments, VmLib
 * the other executable mappings, RSS the present pages); the machine-wide ones from guest physical memory. Lines
 * about things the emulated kernel has no notion of (capabilities, seccomp, CPU and NUMA masks) say what the host
 * says for its own processes.
 */
public final class ProcStatus {
    /** Host lines copied as they are, each with the value used when the host has no such line. */
    private static final Map<String, String> HOST_LINES = hostLines();
    private static final long KB = 1024;

    private ProcStatus() {}

    /** The text of the /proc file at {@code guestPath} as process {@code k} sees it, or null if it is not ours. */
    static String generate(Kernel k, String guestPath) {
        if (guestPath.equals("/proc/meminfo")) return meminfo(k);
        if (guestPath.equals("/proc/version")) return version();
        String sysctl = sysctl(k, guestPath);
        if (sysctl != null) return sysctl + "\n";
        String[] parts = guestPath.split("/");
        if (parts.length != 4 || !parts[1].equals("proc")) return null;
        String who = parts[2], file = parts[3];
        Kernel target = k;
        if (!who.equals("self")) {
            if (who.isEmpty() || !who.chars().allMatch(Character::isDigit) || who.length() > 9) return null;
            target = k.procs.find(Integer.parseInt(who));
            if (target == null) throw new SyscallError(Errno.ENOENT);
        }
        return switch (file) {
            case "status" -> status(target);
            case "maps" -> target.space.maps();
            case "cmdline" -> target.argv().isEmpty() ? "" : String.join("\0", target.argv()) + "\0";
            default -> null;
        };
    }
    /** /proc/version: Linux's "Linux version release (builder@host) (compiler) version" line, with uname's fields. */
    private static String version() {
        return "Linux version " + ProcessSyscalls.RELEASE + " (boardup@boardup) (boardup cc) "
                + ProcessSyscalls.VERSION + "\n";
    }

    /** The /proc/sys files behind `run --config`'s first settings, or null for any other path. */
    private static String sysctl(Kernel k, String guestPath) {
        return switch (guestPath) {
            case "/proc/sys/kernel/randomize_va_space" -> k.config.layout().randomizes() ? "2" : "0";
            case "/proc/sys/vm/mmap_rnd_bits" -> Integer.toString(Layout.MMAP_RND_BITS);
            case "/proc/sys/vm/mmap_min_addr" -> Long.toString(AddressSpace.SYSCTL_MMAP_MIN);
            case "/proc/sys/vm/overcommit_memory" -> Integer.toString(Overcommit.MODE);
            default -> null;
        };
    }

    // ---- /proc/[pid]/status ----

    static String status(Kernel k) {
        Memory m = Memory.of(k.space);
        StringBuilder sb = new StringBuilder();
        field(sb, "Name", name(k));
        field(sb, "Umask", String.format("%04o", k.umask));
        field(sb, "State", state(k));
        field(sb, "Tgid", k.pid);
        field(sb, "Ngid", 0);
        field(sb, "Pid", k.pid);
        field(sb, "PPid", k.ppid);
        field(sb, "TracerPid", 0);
        field(sb, "Uid", ids(Identity.UID));
        field(sb, "Gid", ids(Identity.GID));
        field(sb, "FDSize", fdSize(k.files));
        field(sb, "Groups", " ");
        field(sb, "NStgid", k.pid);
        field(sb, "NSpid", k.pid);
        field(sb, "NSpgid", k.pid);
        field(sb, "NSsid", k.pid);
        field(sb, "Kthread", 0);
        kb(sb, "VmPeak", Math.max(m.totalVm, k.space.peakVm()));
        kb(sb, "VmSize", m.totalVm);
        kb(sb, "VmLck", k.space.lockedBytes());
        kb(sb, "VmPin", 0);
        kb(sb, "VmHWM", Math.max(m.rss(), k.space.peakRss()));
        kb(sb, "VmRSS", m.rss());
        kb(sb, "RssAnon", m.rssAnon);
        kb(sb, "RssFile", m.rssFile);
        kb(sb, "RssShmem", m.rssShmem);
        kb(sb, "VmData", m.data);
        kb(sb, "VmStk", m.stack);
        kb(sb, "VmExe", m.text());
        kb(sb, "VmLib", m.exec - m.text());
        kb(sb, "VmPTE", m.pageTables);
        kb(sb, "VmSwap", 0);
        field(sb, "HugetlbPages", String.format("%8d kB", 0));
        field(sb, "CoreDumping", 0);
        field(sb, "THP_enabled", 1);
        field(sb, "untag_mask", "0xffffffffffffffff");
        field(sb, "Threads", 1);
        field(sb, "SigQ", Long.bitCount(k.signals.pending()) + "/" + k.process.softLimit(11));
        field(sb, "SigPnd", hex16(k.signals.pending()));
        field(sb, "ShdPnd", hex16(0));
        field(sb, "SigBlk", hex16(k.process.sigmask));
        field(sb, "SigIgn", hex16(handlers(k, true)));
        field(sb, "SigCgt", hex16(handlers(k, false)));
        for (Map.Entry<String, String> host : HOST_LINES.entrySet()) {
            if (host.getKey().startsWith("voluntary")) break;
            field(sb, host.getKey(), host.getValue());
        }
        field(sb, "voluntary_ctxt_switches", 0);
        field(sb, "nonvoluntary_ctxt_switches", 0);
        return sb.toString();
    }

    /** comm: the executed file's base name, cut to 15 bytes. */
    private static String name(Kernel k) {
        String path = k.execPath.isEmpty() ? k.config.program().toString() : k.execPath;
        String base = path.substring(path.lastIndexOf('/') + 1);
        return base.length() > 15 ? base.substring(0, 15) : base;
    }

    private static String state(Kernel k) {
        if (k.exited()) return "Z (zombie)";
        return k.blocked() || k.wakeAt >= 0 ? "S (sleeping)" : "R (running)";
    }

    /** Real, effective, saved and filesystem ids: all the same here. */
    private static String ids(int id) {
        return id + "\t" + id + "\t" + id + "\t" + id;
    }

    /**
     * The fd table's size: Linux's initial 64 slots (a shell's children show 256: bash's fd 255 is open when it
     * forks), grown to a power-of-two multiple of 128 once a higher descriptor is used.
     */
    private static int fdSize(FileTable files) {
        int highest = -1;
        for (int fd = 0; fd < FileTable.MAX_FDS; fd++) {
            if (files.isOpen(fd)) highest = fd;
        }
        if (highest < 64) return 64;
        int size = 128;
        while (size <= highest) size *= 2;
        return size;
    }

    /** The mask of signals whose action is SIG_IGN ({@code ignored}) or a handler. */
    private static long handlers(Kernel k, boolean ignored) {
        long mask = 0;
        for (int sig = 1; sig <= 64; sig++) {
            long h = k.sigactions[sig][0];
            boolean match = ignored ? h == Signals.SIG_IGN : h != Signals.SIG_IGN && h != Signals.SIG_DFL;
            if (match) mask |= Signals.bit(sig);
        }
        return mask;
    }

    /**
     * The sizes task_mem reports, in bytes: VMA totals by kind, and the resident pages split into anonymous
     * (including written copies of file pages) and file pages, and the page-table pages that map them.
     */
    record Memory(long totalVm, long data, long stack, long exec, long programExec, long rssAnon, long rssFile,
                  long rssShmem, long pageTables) {
        static Memory of(AddressSpace space) {
            String program = programName(space);
            long total = 0, data = 0, stack = 0, exec = 0, programExec = 0;
            for (Vma v : space.vmas()) {
                long size = v.end - v.start;
                total += size;
                boolean write = (v.prot & Vma.PROT_WRITE) != 0, x = (v.prot & Vma.PROT_EXEC) != 0;
                boolean isStack = "[stack]".equals(v.name);
                if (isStack) stack += size;
                else if (write) data += v.shared() ? 0 : size;
                else if (x) {
                    exec += size;
                    if (v.file != null && v.name.equals(program)) programExec += size;
                }
            }
            long[] rss = new long[3];
            Set<Long> tables = new HashSet<>();
            space.tables().forEachMapped(0, AddressSpace.STACK_TOP + AddressSpace.PAGE, (va, pte) -> {
                rss[space.pageKind(va, pte).ordinal()] += AddressSpace.PAGE;
                tables.add(va >>> 21);
                tables.add(-1 - (va >>> 30));
                tables.add(Long.MIN_VALUE + (va >>> 39));
            });
            return new Memory(total, data, stack, exec, programExec, rss[0], rss[1], rss[2],
                    tables.size() * AddressSpace.PAGE);
        }

        /** The executable file's name as its segments carry it: the name of the area at the lowest address. */
        private static String programName(AddressSpace space) {
            for (Vma v : space.vmas()) {
                if (v.file != null) return v.name;
            }
            return null;
        }

        long rss() {
            return rssAnon + rssFile + rssShmem;
        }

        /** VmExe: the program's own code, at most all executable memory (the rest is VmLib). */
        long text() {
            return Math.min(programExec, exec);
        }
    }

    // ---- /proc/meminfo ----

    /** /proc/meminfo: the guest's physical memory (MemTotal is --memory) and what the processes use of it. */
    static String meminfo(Kernel k) {
        PhysicalMemory physical = k.space.physical();
        long total = (long) physical.frameLimit() * AddressSpace.PAGE;
        long free = (long) (physical.frameLimit() - physical.framesInUse()) * AddressSpace.PAGE;
        long anon = 0, file = 0, tables = 0, committed = 0;
        for (Kernel p : k.procs.processes()) {
            if (p.exited()) continue;
            Memory m = Memory.of(p.space);
            anon += m.rssAnon;
            file += m.rssFile;
            tables += m.pageTables;
            committed += m.data + m.stack;
        }
        Map<String, Long> f = new LinkedHashMap<>();
        f.put("MemTotal", total);
        f.put("MemFree", free);
        f.put("MemAvailable", free);
        for (String zero : new String[] {"Buffers", "Cached", "SwapCached"}) f.put(zero, 0L);
        f.put("Active", anon + file);
        f.put("Inactive", 0L);
        f.put("Active(anon)", anon);
        f.put("Inactive(anon)", 0L);
        f.put("Active(file)", file);
        for (String zero : new String[] {"Inactive(file)", "Unevictable", "Mlocked", "SwapTotal", "SwapFree", "Zswap",
            "Zswapped", "Dirty", "Writeback"}) {
            f.put(zero, 0L);
        }
        f.put("AnonPages", anon);
        f.put("Mapped", file);
        for (String zero : new String[] {"Shmem", "KReclaimable", "Slab", "SReclaimable", "SUnreclaim",
            "KernelStack"}) {
            f.put(zero, 0L);
        }
        f.put("PageTables", tables);
        for (String zero : new String[] {"SecPageTables", "NFS_Unstable", "Bounce", "WritebackTmp"}) f.put(zero, 0L);
        f.put("CommitLimit", total / 2);
        f.put("Committed_AS", committed);
        f.put("VmallocTotal", 34359738367L * KB);
        for (String zero : new String[] {"VmallocUsed", "VmallocChunk", "Percpu", "AnonHugePages", "ShmemHugePages",
            "ShmemPmdMapped", "FileHugePages", "FilePmdMapped", "Balloon"}) {
            f.put(zero, 0L);
        }
        StringBuilder sb = new StringBuilder();
        f.forEach((name, bytes) -> sb.append(String.format("%-16s%8d kB%n", name + ":", bytes / KB)));
        for (String count : new String[] {"HugePages_Total", "HugePages_Free", "HugePages_Rsvd", "HugePages_Surp"}) {
            sb.append(String.format("%-16s%8d%n", count + ":", 0));
        }
        sb.append(String.format("%-16s%8d kB%n", "Hugepagesize:", 2048));
        sb.append(String.format("%-16s%8d kB%n", "Hugetlb:", 0));
        sb.append(String.format("%-16s%8d kB%n", "DirectMap4k:", total / KB));
        sb.append(String.format("%-16s%8d kB%n", "DirectMap2M:", 0));
        sb.append(String.format("%-16s%8d kB%n", "DirectMap1G:", 0));
        return sb.toString();
    }

    // ---- formatting ----

    private static void field(StringBuilder sb, String name, Object value) {
        sb.append(name).append(":\t").append(value).append('\n');
    }

    /** A Vm* line: the size in kB right-aligned in eight columns, as Linux's seq_put_decimal_ull_width does. */
    private static void kb(StringBuilder sb, String name, long bytes) {
        field(sb, name, String.format("%8d kB", bytes / KB));
    }

    private static String hex16(long mask) {
        return String.format("%016x", mask);
    }

    /** The host's lines from CapInh to Mems_allowed_list (what the emulated kernel does not model), in its order. */
    private static Map<String, String> hostLines() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("CapInh", "0000000000000000");
        defaults.put("CapPrm", "0000000000000000");
        defaults.put("CapEff", "0000000000000000");
        defaults.put("CapBnd", "000001ffffffffff");
        defaults.put("CapAmb", "0000000000000000");
        defaults.put("NoNewPrivs", "0");
        defaults.put("Seccomp", "0");
        defaults.put("Seccomp_filters", "0");
        defaults.put("Speculation_Store_Bypass", "thread vulnerable");
        defaults.put("SpeculationIndirectBranch", "conditional enabled");
        defaults.put("Cpus_allowed", "1");
        defaults.put("Cpus_allowed_list", "0");
        defaults.put("Mems_allowed", "00000000,00000001");
        defaults.put("Mems_allowed_list", "0");
        defaults.put("voluntary_ctxt_switches", "0");
        Map<String, String> host = new HashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                int tab = line.indexOf(":\t");
                if (tab > 0) host.put(line.substring(0, tab), line.substring(tab + 2));
            }
        } catch (Exception e) {
            // not a Linux host: the defaults stand
        }
        Map<String, String> out = new LinkedHashMap<>();
        defaults.forEach((name, value) -> out.put(name, host.getOrDefault(name, value)));
        return out;
    }
}
