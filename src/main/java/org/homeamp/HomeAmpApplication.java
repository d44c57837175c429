package org.homeamp;
public class HomeAmpApplication { public static void main(String[] a) {} }
