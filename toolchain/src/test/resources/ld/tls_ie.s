# initial-exec TLS access through a GOT slot holding the thread-pointer offset
    .text
    .globl read_initial_exec
    .type read_initial_exec, @function
read_initial_exec:
    movq tcounter@gottpoff(%rip), %rax
    movl %fs:(%rax), %eax
    ret
    .size read_initial_exec, .-read_initial_exec

    .globl sys_arch_prctl
    .type sys_arch_prctl, @function
sys_arch_prctl:
    mov $158, %eax
    syscall
    ret
    .size sys_arch_prctl, .-sys_arch_prctl
    .section .note.GNU-stack,"",@progbits
