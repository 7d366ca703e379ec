typedef unsigned long archcfg_word;
