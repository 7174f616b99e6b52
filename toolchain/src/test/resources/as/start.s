# A freestanding program: _start, a loop over a string, write(2) and exit(2) by syscall.
	.section	.rodata
msg:	.ascii	"counting: "
msglen = . - msg
	.data
digits:	.zero	16
	.text
	.globl	_start
	.type	_start, @function
_start:
	leaq	msg(%rip), %rsi
	movl	$msglen, %edx
	call	write_out
	xorl	%ebx, %ebx
	leaq	digits(%rip), %rdi
1:	leal	'0'(%rbx), %eax
	movb	%al, (%rdi,%rbx,2)
	movb	$' ', 1(%rdi,%rbx,2)
	incl	%ebx
	cmpl	$5, %ebx
	jl	1b
	movb	$'\n', -1(%rdi,%rbx,2)
	movq	%rdi, %rsi
	leal	(%rbx,%rbx), %edx
	call	write_out
	movl	$60, %eax
	movl	$7, %edi
	syscall
	hlt
	.size	_start, .-_start
	.type	write_out, @function
write_out:
	movl	$1, %eax
	movl	$1, %edi
	syscall
	ret
	.size	write_out, .-write_out
	.section	.note.GNU-stack,"",@progbits
