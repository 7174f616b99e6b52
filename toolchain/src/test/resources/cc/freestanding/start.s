# _start for the freestanding run: set up TLS, main(argc, argv), then exit with its value.
    .text
    .globl _start
_start:
    xor %ebp, %ebp
    mov %rsp, %rdi
    call __rt_init
    mov (%rsp), %rdi
    lea 8(%rsp), %rsi
    call main
    mov %eax, %edi
    call exit
    .section .note.GNU-stack,"",@progbits
