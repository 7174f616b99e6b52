# Pure assembly: write(1, msg, len) then exit(7).
        .text
        .globl _start
_start:
        mov     $1, %eax
        mov     $1, %edi
        lea     msg(%rip), %rsi
        mov     $len, %edx
        syscall
        mov     $60, %eax
        mov     $7, %edi
        syscall
        .section .rodata
msg:    .ascii  "hello from as and ld\n"
        len = . - msg

        .section .note.GNU-stack,"",@progbits
