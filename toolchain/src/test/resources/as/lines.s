# Hand-written source with line information only: the assembler adds the compile unit debuggers look for.
	.file	1 "lines.c"
	.text
	.globl	f
f:
	.loc 1 3 0
	nop
	.loc 1 5 2
	ret
	.section	.text.b,"ax",@progbits
g:
	.loc 1 10
	ret
	.loc 1 200
	nop
	.loc 1 2
	.skip	300
	ret
	.loc 1 7
