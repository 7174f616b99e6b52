# Pure assembly: sums 1..100000 in a loop, prints the sum in decimal, exits with sum & 255.
        .text
        .globl _start
_start:
        xor     %eax, %eax
        mov     $100000, %ecx
1:      add     %rcx, %rax
        loop    1b
        mov     %rax, %r12
        lea     buf+31(%rip), %rdi
        movb    $10, (%rdi)
        mov     $10, %ebx
2:      dec     %rdi
        xor     %edx, %edx
        div     %rbx
        add     $'0', %dl
        mov     %dl, (%rdi)
        test    %rax, %rax
        jnz     2b
        lea     buf+32(%rip), %rdx
        sub     %rdi, %rdx
        mov     %rdi, %rsi
        mov     $1, %edi
        mov     $1, %eax
        syscall
        mov     %r12, %rdi
        and     $255, %edi
        mov     $60, %eax
        syscall
        .bss
buf:    .skip   32

        .section .note.GNU-stack,"",@progbits
