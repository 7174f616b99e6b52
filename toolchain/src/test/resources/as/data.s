# Data and symbol directives.
	.file	"data.c"
	.text
	.section	.rodata.str1.1,"aMS",@progbits,1
.LC0:
	.string	"hello, world\n"
.LC1:
	.asciz	"tab\there", "two"
	.ascii	"no terminator"
	.string	"escapes \\ \" \101\x42 \0end"
	.section	.rodata.str1.8,"aMS",@progbits,1
	.align 8
.LC2:
	.string	"aligned string for the str1.8 section"
	.data
	.align 16
	.type	table, @object
	.size	table, 24
table:
	.quad	.LC0
	.quad	.LC1
	.quad	.LC2+5
	.globl	counter
	.align 4
	.type	counter, @object
	.size	counter, 4
counter:
	.long	-7
	.local	lonely
	.comm	lonely,16,16
	.comm	shared,8,8
	.comm	big,4000,32
	.lcomm	small,3
	.set	SEVEN, 7
	.equ	EIGHT, SEVEN+1
	.globl	ALIAS
	.set	ALIAS, counter
	.byte	SEVEN, EIGHT, SEVEN*EIGHT, (SEVEN << 2) | 1, ~0 & 0xff, -SEVEN & 0xff, 100 / 7, 100 % 7
	.byte	'a', 'Z'
	.float	1.5
	.double	-2.25
	.uleb128	300
	.sleb128	-300
	.balign	8, 0xaa
	.p2align 5
	.skip	5
	.space	3, 7
	.fill	2, 4, 0x11223344
	.hidden	hid
	.globl	hid
hid:	.long	1
	.weak	wk
wk:	.quad	wk
	.section	.bss
	.align 32
	.type	buf, @object
	.size	buf, 100
buf:
	.zero	100
	.pushsection .data.rel.local,"aw"
	.align 8
ptr:	.quad	buf
	.popsection
	.zero	4
	.section	.init_array,"aw"
	.align 8
	.quad	ctor
	.section	.text
	.type	ctor, @function
ctor:	ret
	.size	ctor, .-ctor
	.previous
	.quad	1
	.ident	"GCC: (Debian 12.2.0-14+deb12u1) 12.2.0"
	.section	.note.GNU-stack,"",@progbits
.globl never
.weak wk
.hidden hid
.globl hid
.type tf, @function
.size tf, 4
.set ABSV, 0x1234
.globl GABS
.set GABS, 7
.data
.quad wk
lab = .
.long lab - .
