# SSE/SSE2 scalar and packed forms gcc emits for float/double code and memcpy-style loops.
	.text
sse:
	movss	%xmm1, %xmm0
	movss	(%rdi), %xmm0
	movss	%xmm8, 4(%rsi)
	movsd	%xmm0, %xmm1
	movsd	.LC0(%rip), %xmm2
	movsd	%xmm15, -8(%rbp)
	movaps	%xmm0, %xmm1
	movaps	(%rsp), %xmm9
	movaps	%xmm3, 16(%rsp)
	movups	(%rdi), %xmm0
	movups	%xmm0, (%rsi)
	movapd	%xmm1, %xmm2
	movupd	(%rax), %xmm3
	movdqa	%xmm0, %xmm1
	movdqa	(%rdi), %xmm4
	movdqa	%xmm4, (%rdi)
	movdqu	(%rsi,%rcx), %xmm1
	movdqu	%xmm1, (%rdi,%rcx)
	movd	%eax, %xmm0
	movd	%xmm0, %eax
	movd	(%rdi), %xmm1
	movd	%xmm1, (%rdi)
	movq	%rax, %xmm0
	movq	%xmm0, %rax
	movq	%xmm0, %xmm1
	movq	(%rdi), %xmm0
	movq	%xmm0, (%rdi)
	movq	%r12, %xmm10
	movd	%r8d, %xmm9
	movlps	(%rdi), %xmm0
	movhps	%xmm0, 8(%rdi)
	movhlps	%xmm1, %xmm0
	movlhps	%xmm1, %xmm0
	addss	%xmm1, %xmm0
	addsd	(%rax), %xmm0
	subss	%xmm2, %xmm3
	subsd	8(%rsp), %xmm1
	mulss	%xmm0, %xmm0
	mulsd	%xmm9, %xmm8
	divss	%xmm1, %xmm0
	divsd	%xmm1, %xmm0
	sqrtss	%xmm0, %xmm0
	sqrtsd	%xmm1, %xmm0
	minsd	%xmm1, %xmm0
	maxss	(%rdi), %xmm0
	addps	%xmm1, %xmm0
	mulpd	%xmm1, %xmm0
	cvtsi2ss	%eax, %xmm0
	cvtsi2sd	%edi, %xmm1
	cvtsi2ssl	(%rdi), %xmm0
	cvtsi2sdl	-4(%rbp), %xmm0
	cvtsi2ssq	%rax, %xmm0
	cvtsi2sdq	%rdi, %xmm0
	cvtsi2sdq	(%rdi), %xmm2
	cvtsi2sd	%r9, %xmm11
	cvttss2si	%xmm0, %eax
	cvttsd2si	%xmm0, %eax
	cvttsd2si	%xmm0, %rax
	cvttss2siq	%xmm1, %rdx
	cvttsd2siq	(%rdi), %r8
	cvttsd2sil	%xmm0, %ecx
	cvtsd2si	%xmm0, %rax
	cvtss2si	%xmm0, %eax
	cvtss2sd	%xmm0, %xmm0
	cvtsd2ss	%xmm1, %xmm0
	cvtss2sd	(%rdi), %xmm1
	cvtdq2pd	%xmm0, %xmm1
	cvtps2pd	%xmm0, %xmm1
	cvtpd2ps	%xmm0, %xmm1
	cvttps2dq	%xmm0, %xmm1
	ucomiss	%xmm1, %xmm0
	ucomisd	%xmm1, %xmm0
	ucomisd	.LC0(%rip), %xmm0
	comiss	%xmm1, %xmm0
	comisd	(%rdi), %xmm0
	andps	%xmm1, %xmm0
	andpd	.LC1(%rip), %xmm0
	andnps	%xmm1, %xmm0
	andnpd	%xmm1, %xmm0
	orps	%xmm1, %xmm0
	orpd	%xmm1, %xmm0
	xorps	%xmm0, %xmm0
	xorpd	%xmm1, %xmm1
	xorps	%xmm8, %xmm8
	pxor	%xmm0, %xmm0
	por	%xmm1, %xmm0
	pand	(%rdi), %xmm0
	pandn	%xmm1, %xmm0
	paddb	%xmm1, %xmm0
	paddw	%xmm1, %xmm0
	paddd	%xmm1, %xmm0
	paddq	%xmm1, %xmm0
	psubb	%xmm1, %xmm0
	psubw	%xmm1, %xmm0
	psubd	%xmm1, %xmm0
	psubq	%xmm1, %xmm0
	pcmpeqb	(%rdi), %xmm0
	pcmpeqw	%xmm1, %xmm0
	pcmpeqd	%xmm1, %xmm0
	pcmpgtb	%xmm1, %xmm0
	pmovmskb	%xmm0, %eax
	pmovmskb	%xmm9, %r8d
	movmskps	%xmm0, %eax
	movmskpd	%xmm0, %eax
	punpcklbw	%xmm1, %xmm0
	punpcklwd	%xmm1, %xmm0
	punpckldq	%xmm1, %xmm0
	punpcklqdq	%xmm1, %xmm0
	punpckhbw	%xmm1, %xmm0
	punpckhwd	%xmm1, %xmm0
	punpckhdq	%xmm1, %xmm0
	punpckhqdq	%xmm1, %xmm0
	pshufd	$0, %xmm0, %xmm1
	pshufd	$27, (%rdi), %xmm1
	pshuflw	$0, %xmm0, %xmm0
	shufps	$0x44, %xmm1, %xmm0
	unpcklps	%xmm1, %xmm0
	unpcklpd	%xmm1, %xmm0
	pminub	%xmm1, %xmm0
	pmaxub	%xmm1, %xmm0
	psadbw	%xmm1, %xmm0
	pmuludq	%xmm1, %xmm0
	psrldq	$8, %xmm0
	pslldq	$4, %xmm1
	psrlq	$32, %xmm0
	psllq	$1, %xmm2
	psrad	$31, %xmm3
	pslld	$2, %xmm8
	psrlw	$8, %xmm0
	psrlq	%xmm1, %xmm0
	cmpltsd	%xmm1, %xmm0
	cmpeqss	%xmm1, %xmm0
	cmpnlesd	%xmm1, %xmm0
	cmpsd	$2, %xmm1, %xmm0
	cmpps	$1, %xmm1, %xmm0
	roundsd	$9, %xmm1, %xmm0
	ret
	.section	.rodata.cst8,"aM",@progbits,8
	.align 8
.LC0:
	.long	0
	.long	1072693248
	.section	.rodata.cst16,"aM",@progbits,16
	.align 16
.LC1:
	.quad	0x7fffffffffffffff
	.quad	0
