# Branches: relaxation, numeric labels, calls to local/global/undefined/weak symbols, PLT and GOT operators.
	.text
	.globl	main
	.type	main, @function
	.weak	weakfn
main:
	pushq	%rbp
	movq	%rsp, %rbp
1:	decl	%edi
	jne	1b
	jmp	1f
	.skip	20, 0x90
1:	je	.Lfar
	jl	.Lnear
	call	helper
	call	external
	call	external@PLT
	call	main
	call	weakfn
	jmp	main
	jmp	external
	jmp	weakfn
	ja	external
	jmp	*external@GOTPCREL(%rip)
	call	*external@GOTPCREL(%rip)
	movq	external@GOTPCREL(%rip), %rax
	movq	external@GOTPCREL(%rip), %r9
	movl	external@GOTPCREL(%rip), %eax
	testq	%rax, external@GOTPCREL(%rip)
	cmpq	external@GOTPCREL(%rip), %rax
	leaq	external@GOTPCREL(%rip), %rax
	leaq	helper(%rip), %rax
	leaq	main(%rip), %rax
	leaq	data+16(%rip), %rsi
	movl	$5, data(%rip)
	movq	$data, %rax
	movl	$data+4, %eax
	movabsq	$data, %rax
	movl	data(,%rax,4), %eax
	movq	%fs:tlsvar@tpoff, %rax
	movq	tlsvar@gottpoff(%rip), %rax
	movl	%fs:(%rax), %eax
.Lnear:
	jmp	.Lnear2
	.fill	100, 1, 0x90
.Lnear2:
	jg	.Lnear
	jmp	.Lback
	.fill	130, 1, 0x90
.Lback:
	jb	.Lforward
	.fill	127, 1, 0xcc
.Lforward:
	jbe	.Lforward2
	.fill	128, 1, 0xcc
.Lforward2:
	jmp	.Lcold
	.p2align 4
.Lfar:
	.fill	300, 1, 0x90
	popq	%rbp
	ret
	.size	main, .-main
	.type	helper, @function
helper:
	xorl	%eax, %eax
2:	incl	%eax
	cmpl	$10, %eax
	jb	2b
	js	2f
	jmp	2b
2:	ret
	.size	helper, .-helper
	.section	.text.unlikely,"ax",@progbits
.Lcold:
	call	abort
	jmp	.Lfar
	jmp	helper
	.data
	.align 8
	.globl	data
data:
	.quad	main
	.quad	helper+8
	.quad	.Lcold
	.long	.Lcold - data
	.long	helper - .
	.quad	external + 100
	.byte	1, 2, 255, -1
	.short	0x1234, -2
	.value	7
	.word	8
	.int	9
	.long	. - data
	.quad	0x123456789abcdef0
	.zero	3
	.align	4
	.section	.rodata
.Ltab:
	.long	.Lnear - .Ltab
	.long	.Lback - .Ltab
	.long	.Lfar - .Ltab
	.section	.tbss,"awT",@nobits
	.align 8
	.type	tlsvar, @object
	.size	tlsvar, 8
tlsvar:
	.zero	8
.text
.L1: nop
.L2: nop
addq $(.L2-.L1), %rsp
movl .L2-.L1(%rax), %eax
imul $.L2-.L1, %eax
pushq $.L2-.L1
jmp .L9
.L3: nop
addq $(.L3-.L1), %rsp
.p2align 3
.L4: addq $(.L4-.L1), %rsp
.L9: addq $(.L10-.L9), %rsp
.L10:
.set K, .L2-.L1
addq $K, %rsp
