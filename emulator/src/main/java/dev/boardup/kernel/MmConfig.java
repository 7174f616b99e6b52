package dev.boardup.kernel;

/**
 * {@code boardup run --config}: the emulated kernel's memory-management settings for a set of run options, one
 * {@code name = value} line each (sysctl's names where Linux has one), with what the value means beside it.
 */
public final class MmConfig {
    private MmConfig() {}

    public static String listing(boolean randomize, Long seed, long memoryBytes, boolean realtime) {
        StringBuilder sb = new StringBuilder();
        line(sb, "kernel.randomize_va_space", randomize ? "2" : "0", randomize
                ? "RANDOMIZE on: stack, mmap base, brk and static-PIE base move each run"
                : "RANDOMIZE off (--no-aslr): Linux's fixed layout, as setarch -R");
        line(sb, "kernel.randomize_seed", seed == null ? "-" : Long.toString(seed),
                seed == null ? "a fresh seed each run" : "layout, AT_RANDOM, /dev/urandom, getrandom reproducible");
        line(sb, "vm.mmap_rnd_bits", Integer.toString(Layout.MMAP_RND_BITS), "mmap base entropy, in pages");
        line(sb, "vm.stack_rnd_bits", Integer.toString(Long.bitCount(Layout.STACK_RND_MASK)),
                "stack top entropy, in pages");
        line(sb, "vm.brk_rnd_range", Long.toString(Layout.BRK_RANGE), "break start range past the bss (1 GiB)");
        line(sb, "vm.mmap_min_addr", Long.toString(AddressSpace.SYSCTL_MMAP_MIN),
                "MAP_FIXED below it needs root; hints below 64 KiB move up to it");
        line(sb, "vm.overcommit_memory", Integer.toString(Overcommit.MODE),
                "heuristic: one request larger than mem_total is ENOMEM; touching past it, an OOM kill");
        line(sb, "page_size", Long.toString(AddressSpace.PAGE), "4 KiB pages, 4-level page tables");
        line(sb, "task_size", String.format("0x%x", Layout.TASK_SIZE), "top of the 47-bit user address space");
        line(sb, "mem_total", Long.toString(memoryBytes), (memoryBytes >> 20) + " MiB of guest physical memory");
        line(sb, "rlimit.stack", Long.toString(AddressSpace.STACK_LIMIT), "RLIMIT_STACK: the stack grows to 8 MiB");
        line(sb, "stack_guard_gap", Long.toString(Layout.STACK_GUARD_GAP), "256 pages kept free below the stack");
        line(sb, "process_limit", Integer.toString(ProcessTable.MAX_PROCESSES), "live processes; fork past it: EAGAIN");
        line(sb, "clock", realtime ? "realtime" : "virtual", realtime
                ? "sleeping waits on the host's wall clock" : "sleeping advances virtual time, instantly");
        return sb.toString();
    }

    private static void line(StringBuilder sb, String name, String value, String meaning) {
        sb.append(String.format("%-26s = %-18s # %s%n", name, value, meaning));
    }
}
