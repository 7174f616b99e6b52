# x87 forms for long double arithmetic.
	.text
x87:
	fldt	16(%rsp)
	fldt	(%rdi)
	flds	(%rax)
	fldl	8(%rsp)
	fld	%st(1)
	fld	%st(0)
	fildl	(%rsp)
	filds	(%rsp)
	fildll	8(%rsp)
	fildq	8(%rsp)
	fstpt	(%rdi)
	fstps	-4(%rbp)
	fstpl	-8(%rbp)
	fstp	%st(0)
	fstp	%st(1)
	fsts	(%rax)
	fstl	(%rax)
	fst	%st(2)
	fistpl	(%rsp)
	fistpll	8(%rsp)
	fistpq	8(%rsp)
	fistps	(%rsp)
	fisttpll	8(%rsp)
	fisttpl	(%rsp)
	faddp	%st, %st(1)
	faddp
	fsubp	%st, %st(1)
	fsubp
	fsubrp	%st, %st(1)
	fsubrp
	fmulp	%st, %st(1)
	fmulp
	fdivp	%st, %st(1)
	fdivp
	fdivrp	%st, %st(1)
	fdivrp
	fadd	%st(1), %st
	fadd	%st, %st(2)
	fsub	%st(1), %st
	fsub	%st, %st(1)
	fsubr	%st(1), %st
	fsubr	%st, %st(1)
	fmul	%st(3), %st
	fdiv	%st(1), %st
	fdiv	%st, %st(1)
	fdivr	%st(1), %st
	fdivr	%st, %st(1)
	fadds	(%rdi)
	faddl	(%rdi)
	fmull	8(%rsp)
	fsubs	(%rdi)
	fsubrl	(%rdi)
	fdivl	(%rdi)
	fdivrs	(%rdi)
	fiaddl	(%rdi)
	fimull	(%rdi)
	fxch	%st(1)
	fxch
	fucomip	%st(1), %st
	fucomi	%st(1), %st
	fcomip	%st(1), %st
	fcomi	%st(2), %st
	fucompp
	fucomp	%st(1)
	fucom	%st(1)
	fchs
	fabs
	fldz
	fld1
	fldpi
	fsqrt
	frndint
	fprem
	fscale
	fxam
	ftst
	fnstcw	(%rsp)
	fldcw	2(%rsp)
	fnstsw	%ax
	fnstsw	(%rsp)
	fwait
	ret
