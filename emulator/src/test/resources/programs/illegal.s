# Writes a line, then executes UD2: SIGILL (status 128 + 4).
        .text
        .globl _start
_start:
        mov     $1, %eax
        mov     $1, %edi
        lea     msg(%rip), %rsi
        mov     $len, %edx
        syscall
        ud2
        .section .rodata
msg:    .ascii  "before ud2\n"
        len = . - msg

        .section .note.GNU-stack,"",@progbits
