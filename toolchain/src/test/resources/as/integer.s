# Integer instruction forms, each as gcc or hand-written libc code spells them.
	.text
	.globl	forms
	.type	forms, @function
forms:
	addl	$1, %eax
	addl	$1000, %eax
	addl	$1000, %ecx
	addq	$-8, %rsp
	addq	$128, %rsp
	addb	$5, %al
	addb	$5, %bl
	addw	$300, %ax
	addw	$3, %si
	addl	%eax, %ebx
	addq	%r8, %r15
	addl	(%rdi), %eax
	addl	%eax, 8(%rdi)
	addq	$1, (%rsp)
	addl	$-1, 0x7fff(%rbp,%r12,8)
	orl	$-1, %ecx
	orb	%ah, %bh
	adcl	$0, %edx
	sbbq	%rax, %rax
	andl	$0xff, %eax
	andq	$-16, %rsp
	andl	$0xfffffff0, %ecx
	subl	$4096, %esp
	xorl	%eax, %eax
	xorq	%r11, %r11
	xorb	$1, (%rax)
	cmpl	$4, %edi
	cmpq	%rsi, %rdi
	cmpb	$0, (%rdi,%rcx)
	cmpw	$0x41, (%rbx)
	cmpq	$0, -8(%rbp)
	testl	%eax, %eax
	testb	$1, %al
	testb	$1, %dil
	testl	$256, %edi
	testq	%rax, 16(%rsp)
	testw	$0x8000, %dx
	notl	%eax
	negq	%rdx
	mull	%ecx
	mulq	8(%rsp)
	divl	%r9d
	idivq	%rcx
	idivl	(%rsp)
	imull	%esi, %edi
	imulq	$24, %rax, %rdx
	imulq	$1000, %rsi
	imull	$-3, (%rax), %ecx
	imulq	%rcx
	incl	%eax
	incq	(%rdi)
	decb	%cl
	decw	%r10w
	shll	%eax
	shll	$1, %eax
	shll	$4, %eax
	shlq	%cl, %rdx
	shrl	$31, %ecx
	sarq	$63, %rax
	sarl	%cl, (%rdi)
	rolw	$8, %ax
	rorq	$13, %r9
	rcll	%eax
	rcrb	$3, %bl
	salq	$2, %r12
	shldl	$4, %eax, %edx
	shrdq	%cl, %rdx, %rax
	shldq	%rax, %rbx
	movl	$0, %eax
	movl	$-1, %eax
	movq	$-1, %rax
	movq	$0x7fffffff, %r9
	movq	$0xffffffff, %rax
	movabsq	$0x123456789abcdef0, %r10
	movabs	$1, %rax
	movb	$65, %al
	movb	$65, (%rdi)
	movw	$1, (%rdi)
	movw	$-1, %r8w
	movl	$7, 4(%rsp)
	movq	$7, 8(%rsp)
	movl	%edi, %eax
	movq	%rsp, %rbp
	movq	%r12, %r13
	movb	%sil, %dl
	movb	%al, (%rsi)
	movw	%ax, 2(%rsi)
	movq	(%rax,%rbx,4), %rcx
	movq	16(%r12), %rax
	movq	(%r13), %rax
	movl	0(%rbp), %eax
	movl	-4(%rbp), %eax
	movl	-200(%rbp), %eax
	movl	(,%rax,8), %edx
	movl	8(,%rax,2), %edx
	movq	%fs:0, %rax
	movq	%fs:40, %rax
	movl	%eax, %gs:8
	movq	%rax, %fs:(%rdx)
	movzbl	%al, %eax
	movzbl	(%rdi), %ecx
	movzwl	%ax, %eax
	movzbq	%dl, %rdx
	movzwq	(%rsi), %r8
	movzbw	%al, %ax
	movsbl	%al, %eax
	movsbq	(%rdi), %rax
	movswl	%r9w, %r9d
	movswq	%ax, %rax
	movslq	%edi, %rdi
	movslq	(%rax,%rdx,4), %rax
	movsbw	%cl, %cx
	movzx	%al, %ecx
	movsx	%bl, %rax
	leaq	8(%rsp), %rsi
	leaq	(%rdi,%rdi,2), %rax
	leal	-1(%rdx), %eax
	leaq	0(,%rax,4), %rdx
	leaq	(%r12), %r12
	pushq	%rbp
	pushq	%r15
	pushq	$0
	pushq	$1000
	pushq	(%rax)
	pushw	%ax
	popq	%rbx
	popq	%r12
	popq	8(%rsp)
	xchgl	%eax, %ecx
	xchgq	%rdx, %rax
	xchgl	%ebx, %ecx
	xchgb	%al, (%rdi)
	xchgq	(%rdi), %rsi
	xchgl	%eax, %eax
	lock xaddl	%eax, (%rdi)
	lock cmpxchgq	%rcx, (%rdx)
	lock cmpxchgb	%cl, (%rdx)
	cmpxchg16b	(%rdi)
	lock incl	(%rax)
	lock addw	$1, (%rax)
	lock orq	$0, (%rsp)
	btl	%eax, %edx
	btq	$63, %rax
	btsl	$3, (%rdi)
	btrq	%rcx, %rax
	btcl	$1, %eax
	bsfl	%eax, %ecx
	bsrq	%rdi, %rax
	lzcntl	%edi, %eax
	tzcntq	%rdi, %rax
	popcntl	%edi, %eax
	popcntq	(%rdi), %rax
	bswap	%eax
	bswapq	%r11
	cbtw
	cwtl
	cltq
	cwtd
	cltd
	cqto
	sete	%al
	setne	%r8b
	setg	(%rdi)
	setb	%dil
	setae	%cl
	setbe	%dl
	seta	%al
	setl	%al
	setle	%al
	setge	%al
	sets	%al
	setns	%al
	setp	%al
	setnp	%al
	seto	%al
	setno	%al
	setz	%al
	setnz	%al
	cmove	%ecx, %eax
	cmovne	(%rdi), %rax
	cmovl	%r8, %r9
	cmovge	%edx, %eax
	cmovbe	%si, %ax
	cmova	%rcx, %rax
	cmovs	%eax, %eax
	cmovnbe	%eax, %ecx
	rep stosq
	rep stosb
	rep movsb
	rep movsq
	repnz scasb
	repe cmpsb
	movsb
	movsl
	stosl
	lodsb
	lodsq
	scasw
	cmpsq
	leave
	ret
	ret	$8
	nop
	nopl	(%rax)
	nopw	0(%rax,%rax,1)
	nopl	0x0(%rax,%rax,1)
	nopw	%cs:0(%rax,%rax,1)
	endbr64
	syscall
	ud2
	int3
	int	$0x80
	hlt
	cpuid
	rdtsc
	pause
	mfence
	lfence
	sfence
	cld
	std
	enter	$16, $0
	call	*%rax
	call	*%r11
	call	*8(%rax)
	call	*(%rdi,%rsi,8)
	jmp	*%rax
	jmp	*(%rdx,%rax,8)
	jmp	*16(%r12)
	callq	*%rdx
	ret
	.type	extras, %function
extras:
	pushfq
	popfq
	pushfw
	ldmxcsr	(%rsp)
	stmxcsr	4(%rsp)
	fxsave	(%rdi)
	fxrstor	(%rdi)
	fxsave64	(%rdi)
	prefetchnta	64(%rsi)
	prefetcht0	(%rsi)
	movntil	%eax, (%rdi)
	movntiq	%rax, 8(%rdi)
	movntdq	%xmm0, (%rdi)
	rep ret
	lock
	addl	$1, (%rax)
	xchgw	%ax, %ax
	notrack jmp	*%rax
	movq	%rax, %fs:0
	movabsq	0x1122334455667788, %rax
	movabsl	%eax, 0x1122334455667788
	ret
	.size	extras, .-extras
movzb %al, %rax
movzw %ax, %eax
movsb %al, %eax
movsw (%rax), %rcx
movsl %eax, %rcx
movsx %ax, %rax
movzx %al, %eax
movsbl (%rdi), %eax
movsxd %eax, %rax
movsx (%rax), %eax
movzbw (%rax), %ax
