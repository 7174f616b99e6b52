# _start for freestanding test programs: run .init_array, call main, exit with its value.
    .text
    .globl _start
    .type _start, @function
_start:
    xor %ebp, %ebp
    lea __init_array_start(%rip), %rbx
1:  lea __init_array_end(%rip), %rax
    cmp %rax, %rbx
    je 2f
    call *(%rbx)
    add $8, %rbx
    jmp 1b
2:  call main
    mov %eax, %edi
    mov $60, %eax
    syscall
    .size _start, .-_start

    .globl sys_write
    .type sys_write, @function
sys_write:
    mov $1, %eax
    syscall
    ret
    .size sys_write, .-sys_write

# a string reached through the GOT, as -fpic code does
    .globl got_greeting
    .type got_greeting, @function
got_greeting:
    movq greeting@GOTPCREL(%rip), %rax
    ret
    .size got_greeting, .-got_greeting

    .section .rodata
    .globl greeting
greeting:
    .asciz "through the GOT\n"

    .section .note.GNU-stack,"",@progbits
