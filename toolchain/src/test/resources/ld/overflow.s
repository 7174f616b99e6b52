# far_away is 4 GiB: it does not fit the zero-extended 32-bit immediate
    .text
    .globl load_far
    .type load_far, @function
load_far:
    movl $far_away, %eax
    ret
    .size load_far, .-load_far
    .section .note.GNU-stack,"",@progbits
