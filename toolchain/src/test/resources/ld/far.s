    .globl far_away
    .set far_away, 0x100000000
    .section .note.GNU-stack,"",@progbits
