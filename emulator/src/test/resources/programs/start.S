# The whole C runtime of the test programs: _start calls main(argc, argv) and exits with its result.
        .text
        .globl _start
_start:
        xor     %ebp, %ebp
        mov     (%rsp), %rdi
        lea     8(%rsp), %rsi
        and     $-16, %rsp
        call    main
        mov     %eax, %edi
        mov     $60, %eax
        syscall
        hlt

        .section .note.GNU-stack,"",@progbits
